package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.bug;
import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;

/**
 * mm/memcontrol.c of the folio era as the modelled swap paths reach it (v6.8, charges at instantiation since v5.8):
 * a folio is charged when it is created for a user page ({@code mem_cgroup_charge},
 * {@code mem_cgroup_swapin_charge_folio}) and uncharged when it is freed ({@code mem_cgroup_uncharge}); a swap slot
 * carries a swap_cgroup record, set when the slot is allocated (cgroup v2, {@code __mem_cgroup_try_charge_swap}) or
 * when reclaim frees the folio (cgroup v1, {@code mem_cgroup_swapout}), and cleared, with its swap (or memsw) charge,
 * when the slot is freed or its folio is swapped in (v1, {@code mem_cgroup_swapin_uncharge_swap}). Which of the two
 * the scenario runs is the {@code memsw_account} knob ({@code do_memsw_account()}). Charges never fail. A counter
 * taken below zero is {@code memcg-drift} at once (page_counter_uncharge's underflow warning).
 *
 * <p>Read function by function in 2024 mm patch mails whose context shows the v6.8-era bodies:
 * {@code mem_cgroup_swapin_charge_folio} and {@code mem_cgroup_swapin_uncharge_swap} (mm/memcontrol.c blob
 * bda6f75d22ff, the latter at lines 4560-4598; the call order in {@code __read_swap_cache_async}, mm/swap_state.c
 * blob 645f5bcad123 around line 495), {@code __mem_cgroup_try_charge_swap} (its {@code do_memsw_account()} early
 * return; blob ab457f0394ab around 7460) and {@code mem_cgroup_swapout} (cgroup v1 only). No stored v6.8
 * mm/memcontrol.c was reachable, so these are the line numbers of those blobs, not of v6.8.
 */
final class Memcontrol {
    private final Layout6 l;

    Memcontrol(Layout6 l) {
        this.l = l;
    }

    private void counter(int[] s, int g, int counter, int delta, String function) {
        int at = l.memcg(g) + counter;
        if (s[at] + delta < 0) {
            throw new Violation(CheckId.MEMCG_DRIFT, function + " takes memcg " + l.memcgName(g) + " "
                    + counterName(l, counter) + " below zero (" + s[at] + " -> " + (s[at] + delta) + ")");
        }
        s[at] += delta;
    }

    static String counterName(Layout6 l, int counter) {
        return counter == MEMCG_MEMORY ? "memory" : l.memswAccount() ? "memsw" : "swap";
    }

    /** {@code charge_memcg} → {@code try_charge} + {@code commit_charge}: memory (and memsw on v1), folio->memcg_data. */
    private void chargeMemcg(int[] s, int pfn, int g, String function) {
        int f = l.frame(pfn);
        if (s[f + F_MEMCG] != 0) {
            throw bug(function + " charges folio" + pfn + ", which is already charged to memcg "
                    + l.memcgName(s[f + F_MEMCG] - 1));
        }
        counter(s, g, MEMCG_MEMORY, 1, function);
        if (l.memswAccount()) {
            counter(s, g, MEMCG_SWAP, 1, function);
        }
        s[f + F_MEMCG] = g + 1;
    }

    /** {@code get_mem_cgroup_from_mm}: the mm's memcg; no mm (swapoff's readahead) is charged to the root here. */
    private int memcgOfMm(int mm) {
        return mm < 0 ? 0 : l.mmMemcg(mm);
    }

    /** {@code mem_cgroup_charge(folio, mm)}: do_anonymous_page and wp_page_copy's new folio. Returns 0. */
    int charge(int[] s, int pfn, int mm) {
        Bug.requireAllocated(l, s, pfn, "mem_cgroup_charge");
        chargeMemcg(s, pfn, memcgOfMm(mm), "mem_cgroup_charge");
        return 0;
    }

    /**
     * {@code mem_cgroup_swapin_charge_folio(folio, mm, gfp, entry)}: the memcg the slot's swap_cgroup record names
     * (the one that swapped it out), else the mm's. Returns 0.
     */
    int swapinChargeFolio(int[] s, int pfn, int mm, int offset) {
        Bug.requireAllocated(l, s, pfn, "mem_cgroup_swapin_charge_folio");
        Bug.requireSwapMap(l, s, "mem_cgroup_swapin_charge_folio (lookup_swap_cgroup_id)");
        int rec = s[l.slot(offset) + S_MEMCG];
        chargeMemcg(s, pfn, rec != 0 ? rec - 1 : memcgOfMm(mm), "mem_cgroup_swapin_charge_folio");
        return 0;
    }

    /**
     * {@code mem_cgroup_swapin_uncharge_swap(entry)}: on v1 the folio's memsw charge now covers the data, so the
     * slot's record and its memsw charge are dropped at once ({@code mem_cgroup_uncharge_swap}); on v2 nothing (the
     * swap charge lives as long as the slot).
     */
    void swapinUnchargeSwap(int[] s, int offset) {
        Bug.requireSwapMap(l, s, "mem_cgroup_swapin_uncharge_swap");
        if (l.memswAccount()) {
            unchargeSwap(s, offset, "mem_cgroup_swapin_uncharge_swap");
        }
    }

    /**
     * {@code mem_cgroup_uncharge_swap(entry, 1)}: the slot's swap_cgroup record is cleared and the swap (v2) or memsw
     * (v1) charge of the memcg it names given back. Called when the slot is freed ({@code swap_entry_free}).
     */
    void unchargeSwap(int[] s, int offset, String function) {
        int sl = l.slot(offset);
        int rec = s[sl + S_MEMCG];
        if (rec == 0) {
            return;
        }
        s[sl + S_MEMCG] = 0;
        counter(s, rec - 1, MEMCG_SWAP, -1, function);
    }

    /** {@code mem_cgroup_uncharge(folio)} from the folio's free: memory (and memsw on v1) of its memcg. */
    void uncharge(int[] s, int pfn, String function) {
        int f = l.frame(pfn);
        int g = s[f + F_MEMCG] - 1;
        if (g < 0) {
            return;
        }
        counter(s, g, MEMCG_MEMORY, -1, function + " (mem_cgroup_uncharge)");
        if (l.memswAccount()) {
            counter(s, g, MEMCG_SWAP, -1, function + " (mem_cgroup_uncharge)");
        }
        s[f + F_MEMCG] = 0;
    }

    /**
     * {@code mem_cgroup_swapout(folio, entry)} from {@code __remove_mapping} (v1 only): the folio's charge moves to
     * the slot: a swap_cgroup record for its memcg, memory uncharged, memsw kept for the record.
     */
    void swapout(int[] s, int pfn, int offset) {
        if (!l.memswAccount()) {
            return;
        }
        int f = l.frame(pfn);
        int g = s[f + F_MEMCG] - 1;
        if (g < 0) {
            return;
        }
        int sl = l.slot(offset);
        if (s[sl + S_MEMCG] != 0) {
            throw bug("mem_cgroup_swapout: slot " + offset + " already has a swap_cgroup record");
        }
        s[sl + S_MEMCG] = g + 1;
        s[f + F_MEMCG] = 0;
        counter(s, g, MEMCG_MEMORY, -1, "mem_cgroup_swapout");
    }

    /**
     * {@code __mem_cgroup_try_charge_swap(folio, entry)} from {@code folio_alloc_swap} (v2 only): the new slot is
     * recorded for the folio's memcg and charged to its swap counter.
     */
    void tryChargeSwap(int[] s, int pfn, int offset) {
        if (l.memswAccount()) {
            return;
        }
        int g = s[l.frame(pfn) + F_MEMCG] - 1;
        if (g < 0) {
            return;
        }
        int sl = l.slot(offset);
        if (s[sl + S_MEMCG] != 0) {
            throw bug("__mem_cgroup_try_charge_swap: slot " + offset + " already has a swap_cgroup record");
        }
        s[sl + S_MEMCG] = g + 1;
        counter(s, g, MEMCG_SWAP, 1, "__mem_cgroup_try_charge_swap");
    }
}
