package dev.swapbench.engine.explore;

import java.util.Arrays;

/**
 * Per stored state, the state it was first reached from and the ordinal of that move, so that a counterexample can
 * be rebuilt by walking back to the initial state (TLC keeps the same link on disk).
 *
 * <p>Breadth-first search numbers states in the order it stores them and expands them in that order, so the parent
 * indices of consecutive states never decrease. Each link is therefore kept as the parent's distance from the
 * previous link's parent (almost always 0 or 1) and the ordinal (small: a state has a few moves). One byte holds both
 * when the distance is below {@value #SHORT_DISTANCE} and the ordinal below {@value #SHORT_ORDINAL} (bit 7 clear;
 * 99.3 % of the links of K2 at bound 0 and of R1 at bound 1); any other link is an escape byte, then both as varints. Every {@value #BLOCK}
 * links the absolute parent and the byte offset are kept (16 bytes per block), so a lookup decodes at most one block.
 * About 1.1 bytes per state (1.19 with the block index and a chunk's slack on R1), with no limit on the number of
 * states.
 */
final class TraceLinks {
    static final int BLOCK = 256;
    /** Chunks are allocated whole (the first one grows from 4 KiB), so at most this much is held unused. */
    private static final int CHUNK = 1 << 16;
    private static final int SHORT_DISTANCE = 1 << 2;
    private static final int SHORT_ORDINAL = 1 << 5;
    private static final byte ESCAPE = (byte) 0x80;

    private byte[][] chunks = new byte[1][];
    private long bytes;
    private long size;
    private long lastParent;
    private long[] blockParent = new long[64];
    private long[] blockOffset = new long[64];

    TraceLinks() {
        chunks[0] = new byte[4096];
    }

    /** Appends the link of the next state; parents must not decrease. */
    void add(long parent, int ordinal) {
        if (parent < lastParent || ordinal < 0) {
            throw new IllegalArgumentException("link " + size + ": parent " + parent + " after " + lastParent
                    + ", ordinal " + ordinal);
        }
        if (size % BLOCK == 0) {
            int b = (int) (size / BLOCK);
            if (b == blockParent.length) {
                blockParent = Arrays.copyOf(blockParent, b * 2);
                blockOffset = Arrays.copyOf(blockOffset, b * 2);
            }
            blockParent[b] = lastParent;
            blockOffset[b] = bytes;
        }
        long distance = parent - lastParent;
        if (distance < SHORT_DISTANCE && ordinal < SHORT_ORDINAL) {
            put((byte) (distance * SHORT_ORDINAL + ordinal));
        } else {
            put(ESCAPE);
            write(distance);
            write(ordinal);
        }
        lastParent = parent;
        size++;
    }

    long size() {
        return size;
    }

    /** The parent of state {@code i}, in {@code out[0]}, and the ordinal of the move from it, in {@code out[1]}. */
    void get(long i, long[] out) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("link " + i + " of " + size);
        }
        int b = (int) (i / BLOCK);
        long parent = blockParent[b];
        long[] at = {blockOffset[b]};
        long ordinal = 0;
        for (long k = (long) b * BLOCK; k <= i; k++) {
            long p = at[0]++;
            byte first = chunks[(int) (p / CHUNK)][(int) (p % CHUNK)];
            if (first >= 0) {
                parent += first / SHORT_ORDINAL;
                ordinal = first % SHORT_ORDINAL;
            } else {
                parent += read(at);
                ordinal = read(at);
            }
        }
        out[0] = parent;
        out[1] = ordinal;
    }

    /** Bytes held, counting the block index and unused chunk space. */
    long bytes() {
        long n = (long) blockParent.length * 2 * Long.BYTES;
        for (byte[] c : chunks) {
            n += c == null ? 0 : c.length;
        }
        return n;
    }

    private void write(long v) {
        while ((v & ~0x7fL) != 0) {
            put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    private void put(byte b) {
        int c = (int) (bytes / CHUNK);
        int off = (int) (bytes % CHUNK);
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        byte[] chunk = chunks[c];
        if (chunk == null) {
            chunk = chunks[c] = new byte[CHUNK];
        } else if (off == chunk.length) {
            chunk = chunks[c] = Arrays.copyOf(chunk, Math.min(CHUNK, chunk.length * 2));
        }
        chunk[off] = b;
        bytes++;
    }

    private long read(long[] at) {
        long v = 0;
        int shift = 0;
        while (true) {
            long p = at[0]++;
            byte b = chunks[(int) (p / CHUNK)][(int) (p % CHUNK)];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
            shift += 7;
        }
    }
}
