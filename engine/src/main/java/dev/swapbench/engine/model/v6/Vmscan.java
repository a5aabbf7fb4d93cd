package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.*;

/**
 * mm/vmscan.c for anon folios ({@code shrink_folio_list}): isolate and trylock, add to swap, unmap, write out,
 * {@code __remove_mapping}. A folio that is neither mapped nor in the swap cache (a fault's private folio before it is
 * mapped) is not a candidate: see docs/v6-era.md.
 */
final class Vmscan {
    private final Layout6 l;
    private final Folios folios;
    private final Memcontrol memcontrol;

    Vmscan(Layout6 l, Folios folios, Memcontrol memcontrol) {
        this.l = l;
        this.folios = folios;
        this.memcontrol = memcontrol;
    }

    private boolean candidate(int[] s, int pfn) {
        int f = l.frame(pfn);
        int flags = s[f + F_FLAGS];
        return (flags & (PG_ALLOC | PG_LRU)) == (PG_ALLOC | PG_LRU) && s[f + F_LOCK] == 0
                && (s[f + F_MAPCOUNT] > 0 || (flags & PG_SWAPCACHE) != 0);
    }

    int isolateChoices(int[] s) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (candidate(s, p)) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /** {@code folio_isolate_lru} + {@code folio_trylock} of the {@code choice}-th candidate; its pfn, or -1. */
    int isolate(int[] s, int choice, int owner) {
        int k = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (candidate(s, p) && k++ == choice) {
                int f = l.frame(p);
                s[f + F_FLAGS] &= ~PG_LRU;
                s[f + F_REF]++;
                s[f + F_LOCK] = owner;
                return p;
            }
        }
        return -1;
    }

    /**
     * {@code __remove_mapping} of a locked swap cache folio: when only the swap cache and the isolation hold it and no
     * pte maps it, its charge moves to the slot ({@code mem_cgroup_swapout}, cgroup v1), it leaves the swap cache (the
     * slot keeps its data) and is freed. Returns 1 when freed.
     */
    int removeMapping(int[] s, int pfn, SwapState swapState) {
        int f = l.frame(pfn);
        if ((s[f + F_FLAGS] & PG_SWAPCACHE) == 0 || s[f + F_REF] != 2 || s[f + F_MAPCOUNT] != 0
                || (s[f + F_FLAGS] & PG_DIRTY) != 0) {
            return 0;
        }
        memcontrol.swapout(s, pfn, s[f + F_SWAP]);
        swapState.deleteFromSwapCache(s, pfn);
        s[f + F_LOCK] = 0;
        s[f + F_REF] = 0;
        folios.free(s, pfn, "__remove_mapping");
        return 1;
    }

    /** {@code folio_unlock} + {@code folio_putback_lru}: back on the LRU, the isolation reference dropped. */
    void putback(int[] s, int pfn, int owner) {
        folios.folioUnlock(s, pfn, owner);
        s[l.frame(pfn) + F_FLAGS] |= PG_LRU;
        folios.folioPut(s, pfn);
    }
}
