package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.bug;
import static dev.swapbench.engine.model.v6.Bug.requirePtl;
import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.spi.Pte;

/**
 * mm/memory.c of the folio era: the user access, the pte lock, {@code set_pte_at}, do_wp_page's reuse test and the zap
 * of one pte. The fault handler itself is the policy ({@code do_swap_page}, cited there: 13ddaf26be32 lines
 * 3795-4158); {@code do_wp_page}, {@code do_anonymous_page} and {@code zap_pte_range} are thread code in
 * FolioRoutines, read function by function (v6.8; their line numbers were not available here).
 */
final class Memory {
    /** {@link #userAccess}: the access happened. */
    static final int DONE = -1;

    private final Layout6 l;

    Memory(Layout6 l) {
        this.l = l;
    }

    /**
     * One user load or store. When the pte allows it, the access happens (a store writes a new data version into the
     * folio and records it as the last value written at the address; a load of {@code pte_none} reads the zero
     * page) and {@link #DONE} is returned; otherwise the pte value, for handle_pte_fault.
     */
    int userAccess(int[] s, int m, int address, boolean write) {
        int at = l.pteAt(m, address);
        Pte pte = new Pte(s[at]);
        if (pte.isNone() && !write) {
            return DONE;
        }
        if (!pte.isPresent() || (write && !pte.isWritable())) {
            return pte.value();
        }
        int f = l.frame(pte.pfn());
        if (write) {
            int v = s[G_NEXT_DATA]++;
            s[f + F_DATA] = v;
            s[f + F_FLAGS] |= PG_DIRTY;
            s[l.lastAt(m, address)] = v;
        } else if (s[f + F_DATA] != s[l.lastAt(m, address)]) {
            throw new Violation(CheckId.STALE_MAPPING, "mm " + l.mmName(m) + " reads " + s[f + F_DATA] + " at address "
                    + address + ", but " + s[l.lastAt(m, address)] + " was written there last");
        }
        return DONE;
    }

    boolean ptlFree(int[] s, int m) {
        return s[l.ptl(m)] == 0;
    }

    /** {@code pte_offset_map_lock}: takes the pte lock (enabled while it is free) and reads the pte. */
    int pteOffsetMapLock(int[] s, int m, int address, int owner) {
        s[l.ptl(m)] = owner;
        return s[l.pteAt(m, address)];
    }

    /** {@code pte_unmap_unlock}. */
    void pteUnmapUnlock(int[] s, int m, int owner) {
        requirePtl(l, s, m, owner, "pte_unmap_unlock");
        s[l.ptl(m)] = 0;
    }

    /**
     * {@code mmput} dropping the last mm_users reference: {@code exit_mmap} runs, and swapoff's {@code unuse_mm},
     * whose {@code mmget_not_zero} now fails, skips the mm.
     */
    void mmExit(int[] s, int m) {
        s[l.mmExiting(m)] = 1;
    }

    /** {@code zap_pte_range} (pte lock held): {@code ptep_get_and_clear_full}; returns the old pte. */
    int zapPte(int[] s, int m, int address, int owner) {
        requirePtl(l, s, m, owner, "zap_pte_range");
        int at = l.pteAt(m, address);
        int old = s[at];
        s[at] = 0;
        return old;
    }

    /** {@code set_pte_at} (pte lock held). The new pte's data becomes what the address holds. */
    void setPteAt(int[] s, int m, int address, int value, int owner) {
        requirePtl(l, s, m, owner, "set_pte_at");
        s[l.pteAt(m, address)] = value;
    }

    /**
     * {@code wp_can_reuse_anon_folio} (do_wp_page, pte lock held), in one step: the folio can be reused in place when
     * no one holds its lock, it can leave the swap cache ({@code folio_free_swap}), and the pte's reference is then
     * the only one. Returns 1 to reuse.
     */
    int wpCanReuse(int[] s, int pfn, int m, int owner, SwapState swapState) {
        requirePtl(l, s, m, owner, "wp_can_reuse_anon_folio");
        int f = l.frame(pfn);
        if (s[f + F_LOCK] != 0) {
            return 0;
        }
        if ((s[f + F_FLAGS] & PG_SWAPCACHE) != 0) {
            if (s[l.slot(s[f + F_SWAP]) + S_COUNT] != 0) {
                return 0;
            }
            swapState.deleteFromSwapCache(s, pfn);
        }
        if (s[f + F_REF] != 1) {
            if (s[f + F_REF] < 1) {
                throw bug("do_wp_page on folio" + pfn + " with refcount " + s[f + F_REF]);
            }
            return 0;
        }
        return 1;
    }
}
