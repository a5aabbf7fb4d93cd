package dev.swapbench.engine.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One breadth-first level of states waiting to be expanded, in the order they were stored, cut into segments of at
 * most {@value #SEGMENT} states: a segment is one worker's unit of work. Each state is kept as the varints of its
 * ints (most fields are small counts and flags, so a state takes a few dozen bytes instead of four per field).
 */
final class Frontier {
    static final int SEGMENT = 128;

    /** One segment: {@code count} states in {@code data[0..length)}. */
    static final class Segment {
        byte[] data;
        int length;
        int count;

        Segment(int capacity) {
            data = new byte[capacity];
        }

        /** Decodes the state starting at {@code at[0]} into {@code into} and advances {@code at[0]}. */
        void read(int[] at, int[] into) {
            int p = at[0];
            byte[] d = data;
            for (int i = 0; i < into.length; i++) {
                int v = 0;
                int shift = 0;
                while (true) {
                    byte b = d[p++];
                    v |= (b & 0x7f) << shift;
                    if (b >= 0) {
                        break;
                    }
                    shift += 7;
                }
                into[i] = v;
            }
            at[0] = p;
        }

        void write(int[] state) {
            if (length + 5 * state.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + 5 * state.length));
            }
            for (int v : state) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative state field " + v);
                }
                while ((v & ~0x7f) != 0) {
                    data[length++] = (byte) ((v & 0x7f) | 0x80);
                    v >>>= 7;
                }
                data[length++] = (byte) v;
            }
            count++;
        }

        /** Copies one encoded state of {@code n} bytes from {@code src} (as written by {@link #write}). */
        void append(byte[] src, int from, int n) {
            if (length + n > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
            }
            System.arraycopy(src, from, data, length, n);
            length += n;
            count++;
        }
    }

    private final List<Segment> segments;
    private long size;
    /** Bytes held by the segments not yet released (kept up to date: the search reads it after every batch). */
    private long bytes;

    /** @param expected about how many segments it will hold (levels grow, so: the last level's) */
    Frontier(int expected) {
        segments = new ArrayList<>(Math.max(10, expected));
    }

    void push(int[] state) {
        Segment s = last();
        int before = s.data.length;
        s.write(state);
        bytes += s.data.length - before;
        size++;
    }

    void append(byte[] src, int from, int n) {
        Segment s = last();
        int before = s.data.length;
        s.append(src, from, n);
        bytes += s.data.length - before;
        size++;
    }

    private Segment last() {
        Segment s = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (s == null || s.count == SEGMENT) {
            int capacity = 256;
            if (s != null) {
                // full: give back the slack of the doubling; the next one starts at about its size (the states of
                // one level differ little in length), so it is seldom copied while it fills
                bytes -= s.data.length - s.length;
                s.data = Arrays.copyOf(s.data, s.length);
                capacity = s.length + (s.length >> 3);
            }
            HeapGuard.require(SEGMENT * 64L, "hold the breadth-first frontier");
            s = new Segment(capacity);
            bytes += capacity + 16;
            segments.add(s);
        }
        return s;
    }

    long size() {
        return size;
    }

    /** The segments, in order; {@link #release} gives one back once it is expanded. */
    List<Segment> segments() {
        return segments;
    }

    /** Drops segment {@code i} (expanded): its memory goes back. */
    void release(int i) {
        Segment s = segments.set(i, null);
        bytes -= s.data.length + 16;
    }

    long bytes() {
        return bytes;
    }
}
