package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.CheckId;

/**
 * {@code memcg-drift} on the v6 state, at quiescence: what the 2010 check compares, on the v6.8 bookkeeping. Each
 * memcg's memory counter equals the folios charged to it ({@code folio->memcg_data}); its swap counter equals the
 * slots whose swap_cgroup record names it (cgroup v2), or its memsw counter equals those folios plus those slots
 * (cgroup v1, {@code do_memsw_account()}); no free slot keeps a record (its charge would never be given back); and
 * every folio a pte maps or the swap cache holds is charged to some memcg (since v5.8 a user folio is charged when it
 * is created, so an uncharged one escapes its memcg's limit). A counter taken below zero fires inside the step
 * ({@link Memcontrol}).
 */
final class MemcgDrift6 implements Check {
    private final Layout6 l;

    MemcgDrift6(Layout6 l) {
        this.l = l;
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
        int[] charged = new int[ng];
        int[] recorded = new int[ng];
        for (int p = 0; p < l.frames(); p++) {
            int f = l.frame(p);
            if ((s[f + F_FLAGS] & PG_ALLOC) == 0) {
                continue;
            }
            int g = s[f + F_MEMCG] - 1;
            if (g < 0) {
                return "folio" + p + " is " + (s[f + F_MAPCOUNT] > 0 ? "mapped" : "in use")
                        + " but charged to no memcg (it escapes every memcg's limit)";
            }
            charged[g]++;
        }
        for (int o = 1; o <= l.slots(); o++) {
            int sl = l.slot(o);
            int g = s[sl + S_MEMCG] - 1;
            if (g < 0) {
                continue;
            }
            if (s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0) {
                return "slot " + o + " is free but keeps a swap_cgroup record for memcg " + l.memcgName(g)
                        + " (its " + Memcontrol.counterName(l, MEMCG_SWAP) + " charge is never given back)";
            }
            recorded[g]++;
        }
        for (int g = 0; g < ng; g++) {
            String name = "memcg " + l.memcgName(g);
            int memory = s[l.memcg(g) + MEMCG_MEMORY];
            if (memory != charged[g]) {
                return name + " memory is " + memory + " but " + charged[g] + " folio(s) are charged to it";
            }
            int swap = s[l.memcg(g) + MEMCG_SWAP];
            int expected = l.memswAccount() ? charged[g] + recorded[g] : recorded[g];
            if (swap != expected) {
                return name + " " + Memcontrol.counterName(l, MEMCG_SWAP) + " is " + swap + " but should be "
                        + expected + " (" + (l.memswAccount() ? charged[g] + " folio(s) + " : "") + recorded[g]
                        + " slot(s) recorded to it)";
            }
        }
        return null;
    }
}
