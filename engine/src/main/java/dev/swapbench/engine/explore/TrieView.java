package dev.swapbench.engine.explore;

import dev.swapbench.engine.thread.ThreadTrie;
import java.util.Arrays;

/**
 * One worker's view of a shared {@link ThreadTrie}: what it has learnt of each node (its pending call, whether it is
 * an episode boundary) and of each (node, result) edge, kept in the worker's own arrays. The trie interns nodes and
 * runs policy code when it meets a new edge, so it is not thread-safe; a view goes to it only on a miss, holding its
 * monitor, which also publishes the trie's arrays to the worker. Misses stop after the first levels of a search.
 */
final class TrieView {
    private final ThreadTrie trie;
    private int[] ops = new int[256];
    private int[] args = new int[256 * 4];
    /** 0: not loaded; 1: loaded, inside an episode; 2: loaded, at an episode boundary. */
    private byte[] info = new byte[256];
    private long[] keys = new long[1024];
    private int[] children = new int[1024];
    private int edges;

    TrieView(ThreadTrie trie) {
        this.trie = trie;
        Arrays.fill(keys, -1L);
    }

    int op(int node) {
        if (node >= info.length || info[node] == 0) {
            load(node);
        }
        return ops[node];
    }

    int arg(int node, int i) {
        if (node >= info.length || info[node] == 0) {
            load(node);
        }
        return args[node * 4 + i];
    }

    boolean atBoundary(int node) {
        if (node >= info.length || info[node] == 0) {
            load(node);
        }
        return info[node] == 2;
    }

    /** As {@link ThreadTrie#child}. */
    int child(int node, int result) {
        long key = ((long) node << 32) | (result & 0xffffffffL);
        int mask = keys.length - 1;
        int h = (int) (mix(key) & mask);
        while (keys[h] != -1L) {
            if (keys[h] == key) {
                return children[h];
            }
            h = (h + 1) & mask;
        }
        int c;
        synchronized (trie) {
            c = trie.child(node, result);
        }
        put(key, c);
        return c;
    }

    private void load(int node) {
        if (node >= info.length) {
            int n = Math.max(node + 1, info.length * 2);
            ops = Arrays.copyOf(ops, n);
            args = Arrays.copyOf(args, n * 4);
            info = Arrays.copyOf(info, n);
        }
        synchronized (trie) {
            ops[node] = trie.op(node);
            for (int i = 0; i < 4; i++) {
                args[node * 4 + i] = trie.arg(node, i);
            }
            info[node] = (byte) (trie.atBoundary(node) ? 2 : 1);
        }
    }

    private void put(long key, int value) {
        if ((edges + 1) * 2 > keys.length) {
            long[] oldK = keys;
            int[] oldV = children;
            keys = new long[oldK.length * 2];
            children = new int[oldK.length * 2];
            Arrays.fill(keys, -1L);
            edges = 0;
            for (int i = 0; i < oldK.length; i++) {
                if (oldK[i] != -1L) {
                    put(oldK[i], oldV[i]);
                }
            }
        }
        int mask = keys.length - 1;
        int h = (int) (mix(key) & mask);
        while (keys[h] != -1L) {
            h = (h + 1) & mask;
        }
        keys[h] = key;
        children[h] = value;
        edges++;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
