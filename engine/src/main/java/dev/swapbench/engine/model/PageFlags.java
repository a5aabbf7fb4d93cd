package dev.swapbench.engine.model;

/**
 * The page flag bits the model keeps in a frame's flags word: the PG_* bits of include/linux/page-flags.h that the
 * swap-in path and its racers read, plus the model's own marks (frame allocated, read I/O in flight).
 */
public final class PageFlags {
    private PageFlags() {
    }

    /** Model-only: the frame holds a page (not on the free lists). */
    public static final int PG_ALLOC = 1;
    public static final int PG_SWAPCACHE = 1 << 1;
    public static final int PG_DIRTY = 1 << 2;
    public static final int PG_UPTODATE = 1 << 3;
    public static final int PG_WRITEBACK = 1 << 4;
    public static final int PG_SWAPBACKED = 1 << 5;
    public static final int PG_LRU = 1 << 6;
    /** Model-only: a swap read is in flight (end_swap_bio_read still to come). */
    public static final int PG_READ_IO = 1 << 7;

    /** Names of the bits, lowest first, as traces print them. */
    static final String[] NAMES = {"alloc", "swapcache", "dirty", "uptodate", "writeback", "swapbacked", "lru",
        "read-io"};
}
