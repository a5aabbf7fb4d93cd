package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.Layout.MEMSW;
import static dev.swapbench.engine.model.Layout.PENDING;
import static dev.swapbench.engine.model.Layout.RES;
import static dev.swapbench.engine.model.Layout.SWAPOUT;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.scenario.Knobs;

/**
 * {@code Memcontrol} is mm/memcontrol.c as the swap paths use it: the charge of a swapped-in page, the uncharge of
 * an unmapped page, of a page leaving the swap cache and of a freed swap slot, with swap accounting as the scenario's
 * knob says and the per-cpu charge stock off; the swap-in charge may also be bypassed or fail, as the
 * {@code memcg_charge_failure} knob says. A counter going below zero is {@code memcg-drift} at once.
 * With no memcg in the scenario every routine does nothing.
 */
final class Memcontrol {
    private final Layout l;
    private final boolean swapAccounting;
    private final Knobs.MemcgChargeFailure chargeFailure;

    Memcontrol(Layout layout) {
        this.l = layout;
        this.swapAccounting = layout.knobs().swapAccounting();
        this.chargeFailure = layout.knobs().memcgChargeFailure();
    }

    /** Model-only: whether memcg is left out (no mm names one), so its steps touch nothing. */
    boolean off() {
        return !l.memcgOn();
    }

    private void counter(int[] s, int g, int counter, int delta, String fn) {
        int v = l.counter(s, g, counter) + delta;
        if (v < 0) {
            throw new Violation(CheckId.MEMCG_DRIFT, fn + " takes memcg " + l.memcgName(g) + " "
                    + Layout.counterName(counter) + " below zero ("
                    + l.counter(s, g, counter) + " -> " + v + ")");
        }
        l.setCounter(s, g, counter, v);
    }

    /** res_counter_charge / uncharge of res, and of memsw with swap accounting. */
    private void charge(int[] s, int g, int delta, String fn) {
        counter(s, g, RES, delta, fn);
        if (swapAccounting) {
            counter(s, g, MEMSW, delta, fn);
        }
    }

    /**
     * mem_cgroup_uncharge_swap, v2.6.35 mm/memcontrol.c:2410-2432 (v2.6.36 :2488-2510): the slot's count reached 0;
     * its swap_cgroup record is cleared and its memsw given back.
     */
    void memCgroupUnchargeSwap(int[] s, int offset) {
        int rec = l.swapCgroup(s, offset);
        if (rec != 0) {
            l.setSwapCgroup(s, offset, 0);
            counter(s, rec - 1, MEMSW, -1, "mem_cgroup_uncharge_swap(slot" + offset + ")");
            counter(s, rec - 1, SWAPOUT, -1, "mem_cgroup_uncharge_swap(slot" + offset + ")");
        }
    }

    /**
     * mem_cgroup_uncharge_page, v2.6.35 mm/memcontrol.c:2317-2325 (v2.6.36 :2396-2404), through
     * __mem_cgroup_uncharge_common (:2244-2315) with MEM_CGROUP_CHARGE_TYPE_MAPPED: after the last unmap; nothing
     * for a page still mapped or in the swap cache (it stays Used).
     */
    void memCgroupUnchargePage(int[] s, int pfn, String fn) {
        int g = l.pageCgroup(s, pfn) - 1;
        if (g < 0 || l.test(s, pfn, PG_SWAPCACHE) || l.mapcount(s, pfn) > 0) {
            return;
        }
        l.setPageCgroup(s, pfn, 0);
        charge(s, g, -1, fn);
    }

    /**
     * mem_cgroup_uncharge_swapcache, v2.6.35 mm/memcontrol.c:2385-2402 (v2.6.36 :2464-2480): the page has just left
     * the swap cache of this slot. SWAPOUT while ptes still name the slot (res only; with swap accounting the memsw
     * charge moves to the slot's swap_cgroup record), DROP otherwise; nothing for a mapped or uncharged page.
     */
    void memCgroupUnchargeSwapcache(int[] s, int pfn, int offset) {
        int g = l.pageCgroup(s, pfn) - 1;
        if (g < 0 || l.mapcount(s, pfn) > 0) {
            return;
        }
        l.setPageCgroup(s, pfn, 0);
        String fn = "mem_cgroup_uncharge_swapcache(page" + pfn + ")";
        if (l.swapCount(s, offset) != 0) {
            counter(s, g, RES, -1, fn);
            if (swapAccounting) {
                l.setSwapCgroup(s, offset, g + 1);
                counter(s, g, SWAPOUT, +1, fn);
            }
        } else {
            charge(s, g, -1, fn);
        }
    }

    /**
     * How many outcomes mem_cgroup_try_charge_swapin has: the charge, and with the scenario's
     * {@code memcg_charge_failure} knob the bypass or -ENOMEM too (-ENOMEM only for a caller that reads the return
     * value: {@code checksRet}).
     */
    int memCgroupTryChargeSwapinChoices(boolean checksRet) {
        if (off()) {
            return 1;
        }
        switch (chargeFailure) {
            case BYPASS: return 2;
            case ENOMEM: return checksRet ? 2 : 1;
            default: return 1;
        }
    }

    /**
     * mem_cgroup_try_charge_swapin, v2.6.35 mm/memcontrol.c:2092-2124 (v2.6.36 :2172-2203): which memcg (the page's
     * own, else the slot's record with swap accounting, else the faulting mm's), then res (and memsw) +1 through
     * __mem_cgroup_try_charge; the charge is pending until commit or cancel. Returns the memcg, or NULL (-1) when
     * memcg is off.
     *
     * <p>Choice 1 is the knob's failure, which charges nothing. The bypass (__mem_cgroup_try_charge's {@code bypass}
     * label, v2.6.35 :1733-1735, v2.6.36 :1819-1821: a dying or OOM-killed task) returns 0 with ptr NULL, so commit
     * and cancel do nothing and the page is mapped uncharged. -ENOMEM (its {@code nomem} label, v2.6.35 :1730-1732,
     * v2.6.36 :1816-1818, reached there only without __GFP_WAIT or with oom false, neither of which do_swap_page
     * passes) returns {@link Op26#CHARGE_ENOMEM} with ptr NULL.
     */
    int memCgroupTryChargeSwapin(int[] s, int m, int pfn, boolean checksRet, int choice) {
        if (off()) {
            return Op26.NULL;
        }
        if (choice == 1) {
            return chargeFailure == Knobs.MemcgChargeFailure.ENOMEM && checksRet ? Op26.CHARGE_ENOMEM : Op26.NULL;
        }
        int g = l.memcgOf(m);
        if (swapAccounting && l.test(s, pfn, PG_SWAPCACHE)) {
            int rec = l.swapCgroup(s, l.pagePrivate(s, pfn));
            if (l.pageCgroup(s, pfn) != 0) {
                g = l.pageCgroup(s, pfn) - 1;
            } else if (rec != 0) {
                g = rec - 1;
            }
        }
        charge(s, g, +1, "mem_cgroup_try_charge_swapin");
        counter(s, g, PENDING, +1, "mem_cgroup_try_charge_swapin");
        return g;
    }

    /**
     * mem_cgroup_commit_charge_swapin, v2.6.35 mm/memcontrol.c:2176-2180 with __mem_cgroup_commit_charge_swapin
     * (:2127-2174; v2.6.36 :2206-2253): cancel if the page is already Used, else make it Used by the charged memcg;
     * then, for a swap cache page, clear its slot's record and give back that memsw. Releasing the memsw of a slot
     * other than the one being faulted, while ptes still name it, is drift.
     */
    void memCgroupCommitChargeSwapin(int[] s, int pfn, int g, int entry) {
        if (g < 0) {
            return;
        }
        String fn = "mem_cgroup_commit_charge_swapin(page" + pfn + ")";
        counter(s, g, PENDING, -1, fn);
        if (l.pageCgroup(s, pfn) != 0) {
            charge(s, g, -1, fn + " (already charged: cancel)");
        } else {
            l.setPageCgroup(s, pfn, g + 1);
        }
        if (swapAccounting && l.test(s, pfn, PG_SWAPCACHE)) {
            int i = l.pagePrivate(s, pfn);
            int rec = l.swapCgroup(s, i);
            if (rec != 0) {
                l.setSwapCgroup(s, i, 0);
                counter(s, rec - 1, MEMSW, -1, fn);
                counter(s, rec - 1, SWAPOUT, -1, fn);
                if (i != entry && l.swapCount(s, i) > 0) {
                    throw new Violation(CheckId.MEMCG_DRIFT, fn + " releases memcg " + l.memcgName(rec - 1)
                            + " memsw for slot" + i + ", which " + l.swapCount(s, i) + " pte(s) still name, "
                            + "while the fault was for swap(" + entry + ")");
                }
            }
        }
    }

    /** mem_cgroup_cancel_charge_swapin, v2.6.35 mm/memcontrol.c:2182-2189 (v2.6.36 :2261-2268). */
    void memCgroupCancelChargeSwapin(int[] s, int g) {
        if (g >= 0) {
            counter(s, g, PENDING, -1, "mem_cgroup_cancel_charge_swapin");
            charge(s, g, -1, "mem_cgroup_cancel_charge_swapin");
        }
    }

    /**
     * mem_cgroup_newpage_charge, v2.6.35 mm/memcontrol.c:2004-2024 (v2.6.36 :2084-2104): charge and commit to the
     * faulting mm's memcg at once (a fresh anon page or a COW copy).
     */
    void memCgroupNewpageCharge(int[] s, int pfn, int m) {
        if (!off()) {
            charge(s, l.memcgOf(m), +1, "mem_cgroup_newpage_charge");
            l.setPageCgroup(s, pfn, l.memcgOf(m) + 1);
        }
    }
}
