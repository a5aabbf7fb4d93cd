package dev.swapbench.engine.model;

import dev.swapbench.engine.check.CheckId;

/**
 * {@code Bug} holds the kernel's own assertions as the model's steps make them: a BUG_ON or a bad_page report
 * becomes a {@link Violation} of {@code kernel-bug}, thrown where the kernel would stop.
 */
public final class Bug {
    private final Layout l;

    public Bug(Layout layout) {
        this.l = layout;
    }

    /** A kernel BUG with this message. */
    public static Violation bug(String msg) {
        return new Violation(CheckId.KERNEL_BUG, msg);
    }

    /** The page must be allocated: a step on a free frame is a use after free. */
    public void requireAllocated(int[] s, int pfn, String fn) {
        if (pfn < 0 || pfn >= l.frames() || !l.allocated(s, pfn)) {
            throw bug(fn + " on page" + pfn + ", which is free (use after free)");
        }
    }

    /** VM_BUG_ON(!PageLocked(page)). */
    public void requireLockedBy(int[] s, int pfn, String fn) {
        if (l.lockOwner(s, pfn) == 0) {
            throw bug(fn + " on page" + pfn + " without the page lock (VM_BUG_ON(!PageLocked))");
        }
    }

    /** The caller must hold mm m's pte lock. */
    public void requirePtl(int[] s, int m, int owner, String fn) {
        if (l.ptlOwner(s, m) != owner) {
            throw bug(fn + " in mm " + l.mmName(m) + " without its pte lock");
        }
    }
}
