package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.bug;
import static dev.swapbench.engine.model.v6.Bug.requireAllocated;
import static dev.swapbench.engine.model.v6.Bug.requireLockedBy;
import static dev.swapbench.engine.model.v6.Layout6.*;

/**
 * Folio allocation, references, flags and the folio lock: mm/page_alloc.c, mm/swap.c ({@code folio_put},
 * {@code folio_add_lru}), include/linux/pagemap.h and mm/filemap.c ({@code folio_lock}, {@code folio_unlock}).
 */
final class Folios {
    private final Layout6 l;
    private final Memcontrol memcontrol;

    Folios(Layout6 l, Memcontrol memcontrol) {
        this.l = l;
        this.memcontrol = memcontrol;
    }

    /** {@code vma_alloc_folio}: the lowest free frame (frames are interchangeable) with one reference, or -1. */
    int vmaAllocFolio(int[] s) {
        for (int p = 0; p < l.frames(); p++) {
            int f = l.frame(p);
            if ((s[f + F_FLAGS] & PG_ALLOC) == 0) {
                s[f + F_FLAGS] = PG_ALLOC;
                s[f + F_REF] = 1;
                return p;
            }
        }
        return -1;
    }

    boolean lockEnabled(int[] s, int pfn) {
        return s[l.frame(pfn) + F_LOCK] == 0;
    }

    /** {@code folio_lock} (enabled only while the lock is free). */
    void folioLock(int[] s, int pfn, int owner) {
        requireAllocated(l, s, pfn, "folio_lock");
        s[l.frame(pfn) + F_LOCK] = owner;
    }

    /** {@code folio_unlock}. */
    void folioUnlock(int[] s, int pfn, int owner) {
        requireAllocated(l, s, pfn, "folio_unlock");
        if (s[l.frame(pfn) + F_LOCK] == 0) {
            throw bug("folio_unlock of folio" + pfn + ", which is not locked");
        }
        requireLockedBy(l, s, pfn, owner, "folio_unlock");
        s[l.frame(pfn) + F_LOCK] = 0;
    }

    /** {@code __folio_set_locked} on a folio no one else can see. */
    void folioSetLocked(int[] s, int pfn, int owner) {
        requireAllocated(l, s, pfn, "__folio_set_locked");
        s[l.frame(pfn) + F_LOCK] = owner;
    }

    void setFlag(int[] s, int pfn, int flag, String function) {
        requireAllocated(l, s, pfn, function);
        s[l.frame(pfn) + F_FLAGS] |= flag;
    }

    int test(int[] s, int pfn, int flag, String function) {
        requireAllocated(l, s, pfn, function);
        return (s[l.frame(pfn) + F_FLAGS] & flag) != 0 ? 1 : 0;
    }

    int field(int[] s, int pfn, int field, String function) {
        requireAllocated(l, s, pfn, function);
        return s[l.frame(pfn) + field];
    }

    /** {@code folio_get}. */
    void folioGet(int[] s, int pfn) {
        requireAllocated(l, s, pfn, "folio_get");
        s[l.frame(pfn) + F_REF]++;
    }

    /** {@code folio_put}: the folio is freed (its frame zeroed) when its count reaches 0. */
    void folioPut(int[] s, int pfn) {
        requireAllocated(l, s, pfn, "folio_put");
        int f = l.frame(pfn);
        if (s[f + F_REF] <= 0) {
            throw bug("folio_put of folio" + pfn + " with refcount " + s[f + F_REF]);
        }
        if (--s[f + F_REF] == 0) {
            free(s, pfn, "folio_put");
        }
    }

    /**
     * The folio goes back to the allocator ({@code __folio_put} → {@code mem_cgroup_uncharge}, free): it must be
     * unmapped, out of the swap cache and unlocked.
     */
    void free(int[] s, int pfn, String function) {
        int f = l.frame(pfn);
        if (s[f + F_MAPCOUNT] != 0) {
            throw bug(function + " frees folio" + pfn + " while " + s[f + F_MAPCOUNT] + " ptes map it");
        }
        if ((s[f + F_FLAGS] & PG_SWAPCACHE) != 0) {
            throw bug(function + " frees folio" + pfn + " while it is in the swap cache");
        }
        if (s[f + F_LOCK] != 0) {
            throw bug(function + " frees folio" + pfn + " while it is locked");
        }
        memcontrol.uncharge(s, pfn, function);
        for (int i = 0; i < F_STRIDE; i++) {
            s[f + i] = 0;
        }
    }

    /** {@code __wp_page_copy_user}: copy the data of {@code from} into the new folio {@code to}. */
    void copy(int[] s, int to, int from) {
        requireAllocated(l, s, to, "__wp_page_copy_user");
        requireAllocated(l, s, from, "__wp_page_copy_user");
        s[l.frame(to) + F_DATA] = s[l.frame(from) + F_DATA];
        s[l.frame(to) + F_FLAGS] |= PG_UPTODATE | PG_SWAPBACKED;
    }
}
