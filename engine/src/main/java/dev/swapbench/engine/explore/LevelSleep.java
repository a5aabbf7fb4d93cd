package dev.swapbench.engine.explore;

import java.util.Arrays;

/**
 * The sleep sets of one breadth-first level's states, in the order the level stores them: each is the intersection
 * of the sleep sets its arrivals from the level before carry, so it does not depend on the order of the arrivals
 * (nor on the number of workers). A sleep set is a bit mask of actors. Fingerprints 0 and 1, which share a key here, get
 * no sleep set (more exploration, never less).
 */
final class LevelSleep {
    private static final double MAX_LOAD = 0.7;
    private long[] keys = new long[1 << 10];
    private int[] index = new int[1 << 10];
    private int[] masks = new int[1 << 10];
    private int size;
    private int indexed;

    /** Zero marks a free slot; a fingerprint of 0 is kept as 1. */
    private static long key(long fp) {
        return fp == 0 ? 1 : fp;
    }

    private static int slot(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 33) & (capacity - 1);
    }

    /** Whether a state with this fingerprint is in the level with a sleep set that an arrival may narrow. */
    boolean contains(long fp) {
        return find(key(fp)) >= 0;
    }

    private int find(long k) {
        for (int i = slot(k, keys.length); keys[i] != 0; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == k) {
                return index[i];
            }
        }
        return -1;
    }

    /**
     * Appends the level's next state, with the sleep set of its first arrival. A state that arrives with an empty set
     * keeps it (sets only narrow), so only states with a set are indexed: to the workers an unindexed state already
     * stored is one no arrival can change.
     */
    void add(long fp, int sleep) {
        masks = ensure(masks, size + 1);
        masks[size] = sleep;
        if (sleep != 0) {
            index(key(fp), size);
        }
        size++;
    }

    private void index(long k, int at) {
        if (indexed + 1 > keys.length * MAX_LOAD) {
            grow();
        }
        int i = slot(k, keys.length);
        while (keys[i] != 0 && keys[i] != k) {
            i = (i + 1) & (keys.length - 1);
        }
        if (keys[i] == k) { // fingerprints 0 and 1 share a key: neither state keeps a sleep set
            masks[index[i]] = 0;
            masks[at] = 0;
            return;
        }
        keys[i] = k;
        index[i] = at;
        indexed++;
    }

    /** Another arrival at a state already in the level: its sleep set narrows to the common part. */
    void meet(long fp, int sleep) {
        int at = find(key(fp));
        if (at >= 0) {
            masks[at] &= sleep;
        }
    }

    /**
     * Whether an arrival carrying {@code sleep} at a state already in the level changes nothing: the state's set so
     * far is inside it, so the intersection stays as it is (sets only narrow, so this holds to the level's end).
     */
    boolean covered(long fp, int sleep) {
        int at = find(key(fp));
        return at >= 0 && (masks[at] & ~sleep) == 0;
    }

    /** The sleep set of the level's {@code i}-th state. */
    int sleep(int i) {
        return masks[i];
    }

    int size() {
        return size;
    }

    /** Bytes held. */
    long bytes() {
        return 12L * keys.length + 4L * masks.length;
    }

    private static int[] ensure(int[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIndex = index;
        keys = new long[oldKeys.length * 2];
        index = new int[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], keys.length);
                while (keys[i] != 0) {
                    i = (i + 1) & (keys.length - 1);
                }
                keys[i] = oldKeys[j];
                index[i] = oldIndex[j];
            }
        }
    }
}
