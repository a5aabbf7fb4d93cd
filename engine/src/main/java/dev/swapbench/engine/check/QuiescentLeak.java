package dev.swapbench.engine.check;

import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;

import dev.swapbench.engine.model.Layout;
import dev.swapbench.spi.Pte;

/**
 * {@code kernel-bug} at quiescence (no thread inside an episode, no I/O in flight): every reference and count must be
 * accounted for. Each slot's swap_map count equals the swap ptes naming it, SWAP_HAS_CACHE equals a swap cache page,
 * each page's refcount equals its mapcount plus one for the swap cache, and its mapcount the present ptes mapping
 * it. A leak here is a page or slot that can never be freed.
 */
final class QuiescentLeak implements Check {
    private final Layout l;

    QuiescentLeak(Layout layout) {
        this.l = layout;
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
            if (!l.alive(s, m)) {
                continue;
            }
            for (int address = l.vmaStart(m); address < l.vmaEnd(m); address++) {
                Pte p = new Pte(l.pte(s, m, address));
                if (p.isSwap()) {
                    swapPtes[p.toSwapEntry().val()]++;
                } else if (p.isPresent()) {
                    maps[p.pfn()]++;
                }
            }
        }
        for (int i = 1; i <= l.slots(); i++) {
            int count = l.swapCount(s, i);
            if (count != swapPtes[i]) {
                return "slot" + i + " has swap count " + count + " but " + swapPtes[i] + " swap ptes name it (swap_map "
                        + (count > swapPtes[i] ? "leak" : "underflow ahead") + ")";
            }
            if (l.hasCache(s, i) != (l.cachePage(s, i) >= 0)) {
                return "slot" + i + " has SWAP_HAS_CACHE " + (l.hasCache(s, i) ? 1 : 0) + " but swap cache page "
                        + l.cachePage(s, i);
            }
        }
        for (int p = 0; p < l.frames(); p++) {
            if (!l.allocated(s, p)) {
                continue;
            }
            if (l.lockOwner(s, p) != 0) {
                return "page" + p + " is left locked with no thread inside the kernel";
            }
            if (l.mapcount(s, p) != maps[p]) {
                return "page" + p + " has mapcount " + l.mapcount(s, p) + " but " + maps[p] + " ptes map it";
            }
            int want = maps[p] + (l.test(s, p, PG_SWAPCACHE) ? 1 : 0);
            if (l.count(s, p) != want) {
                return "page" + p + " has refcount " + l.count(s, p) + " but " + want
                        + " references are accounted for (mapcount + swap cache): "
                        + (l.count(s, p) > want ? "a reference leaked" : "a reference is missing");
            }
        }
        return null;
    }
}
