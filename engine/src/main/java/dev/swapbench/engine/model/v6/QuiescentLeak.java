package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.spi.Pte;

/**
 * The at-quiescence half of {@code kernel-bug} on the v6 state (no thread inside an episode): every swap_map count
 * equals the swap ptes naming the slot, SWAP_HAS_CACHE is set exactly when the slot has a swap cache folio (a pin
 * left behind by {@code swapcache_prepare} is a leak: the slot can never be freed), every folio's refcount and
 * mapcount are accounted for by ptes and the swap cache, no folio is locked, no {@code get_swap_device} reference
 * and no {@code swapcache_wq} waiter is left.
 */
final class QuiescentLeak implements Check {
    private final Layout6 l;

    QuiescentLeak(Layout6 l) {
        this.l = l;
    }

    @Override
    public CheckId id() {
        return CheckId.KERNEL_BUG;
    }

    @Override
    public When when() {
        return When.AT_QUIESCENCE;
    }

    @Override
    public String violation(int[] s) {
        int[] swapPtes = new int[l.slots() + 1];
        int[] maps = new int[l.frames()];
        for (int m = 0; m < l.mms(); m++) {
            for (int i = 0; i < l.vmaPages(); i++) {
                Pte pte = new Pte(s[l.pteAt(m, l.address(m, i))]);
                if (pte.isSwap()) {
                    swapPtes[pte.toSwapEntry().val()]++;
                } else if (pte.isPresent()) {
                    maps[pte.pfn()]++;
                }
            }
        }
        for (int o = 1; o <= l.slots(); o++) {
            int sl = l.slot(o);
            if (s[sl + S_COUNT] != swapPtes[o]) {
                return "slot " + o + " has swap count " + s[sl + S_COUNT] + " but " + swapPtes[o] + " ptes name it";
            }
            if (s[sl + S_HAS_CACHE] != 0 && s[sl + S_CACHE] == 0) {
                return "slot " + o + " keeps SWAP_HAS_CACHE with no swap cache folio: a swapcache_prepare pin was "
                        + "never cleared, so the slot can never be freed";
            }
        }
        for (int p = 0; p < l.frames(); p++) {
            int f = l.frame(p);
            if ((s[f + F_FLAGS] & PG_ALLOC) == 0) {
                continue;
            }
            int cache = (s[f + F_FLAGS] & PG_SWAPCACHE) != 0 ? 1 : 0;
            if (s[f + F_MAPCOUNT] != maps[p]) {
                return "folio" + p + " has mapcount " + s[f + F_MAPCOUNT] + " but " + maps[p] + " ptes map it";
            }
            if (s[f + F_REF] != maps[p] + cache) {
                return "folio" + p + " has refcount " + s[f + F_REF] + " but only " + maps[p] + " ptes"
                        + (cache == 1 ? " and the swap cache" : "") + " hold it (a leaked reference)";
            }
            if (s[f + F_LOCK] != 0) {
                return "folio" + p + " is left locked";
            }
        }
        if (s[G_USERS] != 0) {
            return s[G_USERS] + " get_swap_device reference(s) never put";
        }
        if (s[G_WAITERS] != 0) {
            return "a thread is left on swapcache_wq";
        }
        return null;
    }
}
