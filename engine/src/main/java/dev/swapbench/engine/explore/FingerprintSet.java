package dev.swapbench.engine.explore;

/**
 * Open-addressing set of 64-bit state fingerprints (TLC style), linear probing, 0 reserved for "empty".
 * Two distinct states share a fingerprint with probability about n^2 / 2^65: below 1e-5 for 10^7 states.
 * The table grows by a quarter at 85% load (any size works: slots are picked with a multiply-shift range
 * reduction), so it stays between 68% and 85% full: 9.4 to 11.8 bytes per state. Growing needs the old and the new
 * table at once (2.25 times the table); {@link #add} refuses to grow past what the heap can hold (see
 * {@link HeapGuard}) and throws {@link HeapGuard.Exhausted} instead, so the search can stop with a verdict.
 *
 * <p>One writer. {@link #contains} may run in other threads meanwhile: a slot goes from 0 to a fingerprint once (a
 * long write, atomic on the 64-bit JVMs swapbench runs on) and a reader reads one table throughout, so it may miss a
 * fingerprint just added or moved into a grown table (it sees 0 there; the caller then treats the state as new, which
 * the writer corrects), but never finds one that was not added.
 */
final class FingerprintSet {
    private static final double MAX_LOAD = 0.85;
    private long[] table;
    private long size;
    private int limit;

    FingerprintSet(int initialCapacity) {
        table = new long[Math.max(64, initialCapacity)];
        limit = (int) (table.length * MAX_LOAD);
    }

    private static int slot(long fp, int capacity) {
        return (int) (((fp >>> 32) * capacity) >>> 32);
    }

    /** Whether the fingerprint is in the set. */
    boolean contains(long fp) {
        if (fp == 0) {
            fp = 1;
        }
        long[] t = table;
        int n = t.length;
        int i = slot(fp, n);
        while (true) {
            long v = t[i];
            if (v == fp) {
                return true;
            }
            if (v == 0) {
                return false;
            }
            if (++i == n) {
                i = 0;
            }
        }
    }

    /**
     * Adds the fingerprint; true if it was new.
     *
     * @throws HeapGuard.Exhausted if the table is full and the heap cannot hold a larger one (the fingerprint is
     *                             then not added)
     */
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
                if (size + 1 > limit) {
                    grow();
                    return add(fp);
                }
                t[i] = fp;
                size++;
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
        int n = (int) Math.min(Integer.MAX_VALUE - 8, old.length + (long) (old.length >> 2));
        if (n == old.length) {
            throw new HeapGuard.Exhausted("the fingerprint table is at Java's largest array (" + size + " states)");
        }
        HeapGuard.require((long) n * Long.BYTES, "grow the fingerprint table to " + n + " entries");
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

    long size() {
        return size;
    }

    long bytes() {
        return (long) table.length * Long.BYTES;
    }
}
