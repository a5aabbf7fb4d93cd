package dev.swapbench.engine.model.v2_6;

import dev.swapbench.engine.model.Layout;

/**
 * {@code Footprint26} says which objects of the state (page frames, slots, mms, the memcg counters, the globals: see
 * {@link Layout#objects()}) a 2010-era step may read and write, for the partial-order reduction. Only steps whose
 * routine is short and plain are declared; every other step (the rmap walks, reclaim's and swapoff's scans, fork, KSM,
 * the memcg calls, do_wp_page's helpers) is left undeclared and so is dependent on every step. A declared step reads
 * everything it writes, and everything that decides whether it is enabled, its choices and whether a BUG fires in it.
 * FootprintTest checks the declarations against what the steps do on the corpus.
 */
final class Footprint26 {
    private final Layout l;
    private final long frames;

    Footprint26(Layout layout) {
        this.l = layout;
        long f = 0;
        for (int p = 0; p < layout.frames(); p++) {
            f |= bit(layout.frameObject(p));
        }
        this.frames = f;
    }

    private static long bit(int object) {
        return 1L << object;
    }

    private long mms() {
        long m = 0;
        for (int i = 0; i < l.mms(); i++) {
            m |= bit(l.mmObject(i));
        }
        return m;
    }

    private boolean frame(int pfn) {
        return pfn >= 0 && pfn < l.frames();
    }

    private boolean slot(int offset) {
        return offset >= 1 && offset <= l.slots();
    }

    private boolean mm(int m) {
        return m >= 0 && m < l.mms();
    }

    /** See {@link dev.swapbench.engine.model.KernelEra#footprint}. */
    boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        if (l.objects() > Long.SIZE) {
            return false;
        }
        long read;
        long write;
        switch (Op26.of(op)) {
            case USER_ACCESS:
                // the pte, the page it maps (any frame), the data version a store takes
                if (!mm(a0)) {
                    return false;
                }
                read = write = bit(l.mmObject(a0)) | frames | bit(l.globalObject());
                break;
            case MMAP_DOWN_READ: case MMAP_UP_READ: case MMAP_DOWN_WRITE: case MMAP_UP_WRITE:
            case PTE_LOCK: case PTE_UNLOCK: case SET_PTE_AT:
                if (!mm(a0)) {
                    return false;
                }
                read = write = bit(l.mmObject(a0));
                break;
            case LOOKUP_SWAP_CACHE: case FIND_GET_PAGE: {
                // the radix entry, then a reference on the page it holds
                if (!slot(a0)) {
                    return false;
                }
                int p = l.cachePage(s, a0);
                write = p >= 0 ? bit(l.frameObject(p)) : 0;
                read = bit(l.slotObject(a0)) | write;
                break;
            }
            case ALLOC_PAGE_VMA:
                read = write = frames;
                break;
            case SWAPCACHE_PREPARE:
                if (!slot(a0)) {
                    return false;
                }
                read = write = bit(l.slotObject(a0));
                break;
            case SWAP_FREE:
                // swap_entry_free: the count, and at zero the swap_cgroup record and its memcg's counters
                if (!slot(a0)) {
                    return false;
                }
                read = write = bit(l.slotObject(a0)) | bit(l.memcgObject());
                break;
            case SLOT_COUNT:
                if (!slot(a0)) {
                    return false;
                }
                read = bit(l.slotObject(a0));
                write = 0;
                break;
            case LOCK_PAGE: case TRYLOCK_PAGE: case UNLOCK_PAGE: case SET_PAGE_LOCKED: case GET_PAGE: case PUT_PAGE:
            case SET_PAGE_DIRTY: case SET_PAGE_UPTODATE: case SET_PAGE_SWAPBACKED: case LRU_CACHE_ADD:
            case IO_WRITE_DONE:
                if (!frame(a0)) {
                    return false;
                }
                read = write = bit(l.frameObject(a0));
                break;
            case PAGE_SWAPCACHE: case PAGE_PRIVATE: case PAGE_UPTODATE: case PAGE_WRITEBACK: case PAGE_DIRTY:
            case PAGE_MLOCKED: case PAGE_ANON: case PAGE_KSM: case PAGE_MAPCOUNT: case PAGE_MAPPED:
            case WAIT_ON_PAGE_WRITEBACK:
                if (!frame(a0)) {
                    return false;
                }
                read = bit(l.frameObject(a0));
                write = 0;
                break;
            case PAGE_SWAPCOUNT: {
                // the page's private, then its slot's count
                if (!frame(a0)) {
                    return false;
                }
                int o = l.allocated(s, a0) ? l.pagePrivate(s, a0) : 0;
                read = bit(l.frameObject(a0)) | (slot(o) ? bit(l.slotObject(o)) : 0);
                write = 0;
                break;
            }
            case IO_READ_DONE: {
                // the slot's data into the page
                if (!frame(a0) || !slot(l.pagePrivate(s, a0))) {
                    return false;
                }
                write = bit(l.frameObject(a0));
                read = write | bit(l.slotObject(l.pagePrivate(s, a0)));
                break;
            }
            case ISOLATE_TO_FREE_SWAP:
                // without vm_swap_full (a constant knob) no page qualifies: the step reads and writes nothing
                read = write = l.knobs().vmSwapFull() ? frames : 0;
                break;
            case ISOLATE_LRU_PAGE:
                // the candidate selection looks at every frame (on the LRU, unlocked), then takes one
                read = write = frames;
                break;
            case PUTBACK_LRU_PAGE:
                if (!frame(a0)) {
                    return false;
                }
                read = write = bit(l.frameObject(a0));
                break;
            case PAGEOUT: case REMOVE_MAPPING: case DELETE_FROM_SWAP_CACHE: {
                // the page, its slot (data, count, cache entry, swap_cgroup record) and the memcg counters
                int o = frame(a0) && l.allocated(s, a0) ? l.pagePrivate(s, a0) : 0;
                if (!slot(o)) {
                    return false;
                }
                read = write = bit(l.frameObject(a0)) | bit(l.slotObject(o)) | bit(l.memcgObject());
                break;
            }
            case TRY_TO_UNMAP_ONE: {
                // the rmap walk reads every mm's ptes (and mmap_sem, for VM_LOCKED); swap_duplicate of the page's slot
                int o = frame(a0) && l.allocated(s, a0) ? l.pagePrivate(s, a0) : 0;
                if (!slot(o)) {
                    return false;
                }
                read = write = bit(l.frameObject(a0)) | bit(l.slotObject(o)) | mms();
                break;
            }
            case VM_SWAP_FULL:
                read = write = 0;
                break;
            default:
                return false;
        }
        out[0] = read;
        out[1] = write;
        return true;
    }
}
