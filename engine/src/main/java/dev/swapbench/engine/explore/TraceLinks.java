package dev.swapbench.engine.explore;

import java.util.Arrays;

/**
 * Per stored state, the state it was first reached from and the ordinal of that move, so that a counterexample can
 * be rebuilt by walking back to the initial state (TLC keeps the same link on disk).
 *
 * <p>Breadth-first search numbers states in the order it stores them and expands them in that order, so the parent
 * indices of consecutive states never decrease. Each link is therefore kept as the varint of the parent's distance
 * from the previous link's parent (almost always 0 or a few) and the varint of the ordinal (below 128 but for
 * very wide states): about 2 bytes per state, with no limit on the number of states. Every {@value #BLOCK} links
 * the absolute parent and the byte offset are kept (16 bytes per block), so a lookup decodes at most one block.
 */
final class TraceLinks {
    static final int BLOCK = 256;
    private static final int CHUNK = 1 << 20;

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
        write(parent - lastParent);
        write(ordinal);
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
            parent += read(at);
            ordinal = read(at);
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
