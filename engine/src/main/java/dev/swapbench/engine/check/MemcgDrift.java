package dev.swapbench.engine.check;

import static dev.swapbench.engine.model.Layout.MEMSW;
import static dev.swapbench.engine.model.Layout.PENDING;
import static dev.swapbench.engine.model.Layout.RES;
import static dev.swapbench.engine.model.Layout.SWAPOUT;

import dev.swapbench.engine.model.Layout;

/**
 * {@code memcg-drift} at quiescence: each memcg's counters against the truth recomputed from page_cgroup and
 * swap_cgroup (mm/memcontrol.c's bookkeeping): res is the pages Used by it, memsw res plus the slots recorded to it
 * (with swap accounting), swapout the slots recorded to it, no charge left pending, and no record on a slot that no
 * pte names. The message names the memcg, the counter, the expected and the actual value.
 */
final class MemcgDrift implements Check {
    private final Layout l;
    private final boolean swapAccounting;

    MemcgDrift(Layout layout) {
        this.l = layout;
        this.swapAccounting = layout.knobs().swapAccounting();
    }

    @Override
    public CheckId id() {
        return CheckId.MEMCG_DRIFT;
    }

    @Override
    public When when() {
        return When.AT_QUIESCENCE;
    }

    @Override
    public String violation(int[] s) {
        int ng = l.memcgs();
        if (ng == 0) {
            return null;
        }
        int[] used = new int[ng];
        int[] recorded = new int[ng];
        for (int p = 0; p < l.frames(); p++) {
            int g = l.pageCgroup(s, p) - 1;
            if (g >= 0 && l.allocated(s, p)) {
                used[g]++;
            }
        }
        for (int i = 1; i <= l.slots(); i++) {
            int g = l.swapCgroup(s, i) - 1;
            if (g >= 0) {
                recorded[g]++;
                if (l.swapCount(s, i) == 0) {
                    return "slot" + i + " keeps a swap_cgroup record for memcg " + l.memcgName(g)
                            + " but no pte names it (its memsw is never given back)";
                }
            }
        }
        for (int g = 0; g < ng; g++) {
            String name = "memcg " + l.memcgName(g);
            if (l.counter(s, g, PENDING) != 0) {
                return name + ": " + l.counter(s, g, PENDING) + " try_charge(s) neither committed nor cancelled";
            }
            if (l.counter(s, g, RES) != used[g]) {
                return name + " res is " + l.counter(s, g, RES) + " but " + used[g] + " page(s) are charged to it";
            }
            int memsw = swapAccounting ? used[g] + recorded[g] : 0;
            if (l.counter(s, g, MEMSW) != memsw) {
                return name + " memsw is " + l.counter(s, g, MEMSW) + " but should be " + memsw + " (" + used[g]
                        + " page(s) + " + recorded[g] + " recorded slot(s))";
            }
            if (l.counter(s, g, SWAPOUT) != recorded[g]) {
                return name + " swapout is " + l.counter(s, g, SWAPOUT) + " but " + recorded[g]
                        + " slot(s) are recorded to it";
            }
        }
        return null;
    }
}
