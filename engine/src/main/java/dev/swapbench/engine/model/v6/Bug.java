package dev.swapbench.engine.model.v6;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;

/** kernel-bug helpers of the v6 model: the BUG_ONs and use-after-frees a step can hit. Not kernel functions. */
final class Bug {
    private Bug() {
    }

    static Violation bug(String message) {
        return new Violation(CheckId.KERNEL_BUG, message);
    }

    static void requireAllocated(Layout6 l, int[] s, int pfn, String function) {
        if ((s[l.frame(pfn) + Layout6.F_FLAGS] & Layout6.PG_ALLOC) == 0) {
            throw bug(function + " on folio" + pfn + ", which is free (use after free)");
        }
    }

    static void requireLockedBy(Layout6 l, int[] s, int pfn, int owner, String function) {
        if (s[l.frame(pfn) + Layout6.F_LOCK] != owner) {
            throw bug(function + " on folio" + pfn + " without holding its lock");
        }
    }

    static void requirePtl(Layout6 l, int[] s, int m, int owner, String function) {
        if (s[l.ptl(m)] != owner) {
            throw bug(function + " in mm " + l.mmName(m) + " without its pte lock");
        }
    }

    /** swap_map and the swap cache space are freed once swapoff finished: touching them is a use-after-free. */
    static void requireSwapMap(Layout6 l, int[] s, String function) {
        if (s[Layout6.G_DEVICE] == Layout6.DEVICE_OFF) {
            throw bug(function + " after swapoff freed the device's swap_map (use after free: nothing held "
                    + "get_swap_device)");
        }
    }
}
