package dev.swapbench.engine.explore;

/**
 * Open-addressing set of 64-bit state fingerprints (TLC style), linear probing, 0 reserved for "empty".
 * Two distinct states share a fingerprint with probability about n^2 / 2^65: below 1e-5 for 10^7 states.
 * The table grows by a quarter at 85% load (any size works: slots are picked with a multiply-shift range
 * reduction), so it stays between 68% and 85% full: 9.4 to 11.8 bytes per state.
 */
final class FingerprintSet {
    private static final double MAX_LOAD = 0.85;
    private long[] table;
    private int size;
    private int limit;

    FingerprintSet(int initialCapacity) {
        table = new long[Math.max(64, initialCapacity)];
        limit = (int) (table.length * MAX_LOAD);
    }

    private static int slot(long fp, int capacity) {
        return (int) (((fp >>> 32) * capacity) >>> 32);
    }

    /** Adds the fingerprint; true if it was new. */
    boolean add(long fp) {
        if (fp == 0) {
            fp = 1;
        }
        long[] t = table;
        int n = t.length;
        int i = slot(fp, n);
        while (true) {
            long v = t[i];
            if (v == 0) {
                t[i] = fp;
                if (++size > limit) {
                    grow();
                }
                return true;
            }
            if (v == fp) {
                return false;
            }
            if (++i == n) {
                i = 0;
            }
        }
    }

    private void grow() {
        long[] old = table;
        int n = (int) Math.min(Integer.MAX_VALUE - 8, old.length + (old.length >> 2));
        long[] t = new long[n];
        for (long fp : old) {
            if (fp != 0) {
                int i = slot(fp, n);
                while (t[i] != 0) {
                    if (++i == n) {
                        i = 0;
                    }
                }
                t[i] = fp;
            }
        }
        table = t;
        limit = (int) (n * MAX_LOAD);
    }

    int size() {
        return size;
    }

    long bytes() {
        return (long) table.length * Long.BYTES;
    }
}
