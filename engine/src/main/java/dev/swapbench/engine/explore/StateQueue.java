package dev.swapbench.engine.explore;

import java.util.Arrays;

/**
 * FIFO of states waiting to be expanded, each stored as its index and its ints in a variable-length byte encoding
 * (most fields are small counts and flags, so a state takes a few dozen bytes instead of four per field).
 */
final class StateQueue {
    private byte[] buf = new byte[1 << 16];
    private int head;
    private int tail;
    private long peakBytes;

    void push(int index, int[] state) {
        ensure(5 * (state.length + 1));
        writeVarint(index);
        for (int v : state) {
            writeVarint(v);
        }
        peakBytes = Math.max(peakBytes, tail - head);
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** Pops the next state into {@code into} and returns its index. */
    int pop(int[] into) {
        int index = readVarint();
        for (int i = 0; i < into.length; i++) {
            into[i] = readVarint();
        }
        return index;
    }

    long peakBytes() {
        return peakBytes;
    }

    private void ensure(int extra) {
        if (tail + extra <= buf.length) {
            return;
        }
        int live = tail - head;
        if (head > buf.length / 2 && live + extra <= buf.length) {
            System.arraycopy(buf, head, buf, 0, live);
        } else {
            buf = Arrays.copyOfRange(buf, head, head + Math.max(buf.length * 2, live + extra));
        }
        head = 0;
        tail = live;
    }

    private void writeVarint(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative state field " + v);
        }
        while ((v & ~0x7f) != 0) {
            buf[tail++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[tail++] = (byte) v;
    }

    private int readVarint() {
        int v = 0;
        int shift = 0;
        while (true) {
            byte b = buf[head++];
            v |= (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
            shift += 7;
        }
    }
}
