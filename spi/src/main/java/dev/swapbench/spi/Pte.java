package dev.swapbench.spi;

/**
 * A pte value: none, a swap entry, or present (page frame, writable bit, dirty bit). Values compare like
 * {@code pte_same()}: the whole pte, dirty bit included.
 *
 * @param value the encoded pte; use the factory methods
 */
public record Pte(int value) {
    private static final int SWAP_BASE = 1;
    private static final int PRESENT_BASE = 1 << 16;
    private static final int WRITE = 1;
    private static final int DIRTY = 1 << 1;
    private static final int PFN_SHIFT = 2;

    public static final Pte NONE = new Pte(0);

    public static Pte swap(SwapEntry entry) {
        return new Pte(SWAP_BASE + entry.val());
    }

    /** {@code mk_pte(page, vma->vm_page_prot)}: read-only and clean, as for a private COW vma. */
    public static Pte mkPte(Page page) {
        return new Pte(PRESENT_BASE + (page.pfn() << PFN_SHIFT));
    }

    public boolean isNone() {
        return value == 0;
    }

    public boolean isSwap() {
        return value >= SWAP_BASE && value < PRESENT_BASE;
    }

    public boolean isPresent() {
        return value >= PRESENT_BASE;
    }

    public boolean isWritable() {
        return isPresent() && (value & WRITE) != 0;
    }

    /** {@code pte_dirty()}: the hardware has seen a store through this pte since it was made clean. */
    public boolean isDirty() {
        return isPresent() && (value & DIRTY) != 0;
    }

    /** {@code pte_to_swp_entry()}. */
    public SwapEntry toSwapEntry() {
        if (!isSwap()) {
            throw new IllegalStateException("pte_to_swp_entry on " + this);
        }
        return new SwapEntry(value - SWAP_BASE);
    }

    /** The frame a present pte maps ({@code pte_pfn}). */
    public int pfn() {
        if (!isPresent()) {
            throw new IllegalStateException("pte_pfn on " + this);
        }
        return (value - PRESENT_BASE) >> PFN_SHIFT;
    }

    /** {@code maybe_mkwrite(pte_mkdirty(pte), vma)} for a VM_WRITE vma: the pte made writable and dirty. */
    public Pte mkWrite() {
        if (!isPresent()) {
            throw new IllegalStateException("pte_mkwrite on " + this);
        }
        return new Pte(value | WRITE | DIRTY);
    }

    /** {@code pte_mkdirty()}: what the hardware does on a store through a writable pte. */
    public Pte mkDirty() {
        if (!isPresent()) {
            throw new IllegalStateException("pte_mkdirty on " + this);
        }
        return new Pte(value | DIRTY);
    }

    /** {@code pte_wrprotect()}: read-only; the dirty bit is kept (copy_one_pte of a COW mapping). */
    public Pte wrprotect() {
        if (!isPresent()) {
            throw new IllegalStateException("pte_wrprotect on " + this);
        }
        return new Pte(value & ~WRITE);
    }

    /** {@code pte_mkclean()}. */
    public Pte mkClean() {
        if (!isPresent()) {
            throw new IllegalStateException("pte_mkclean on " + this);
        }
        return new Pte(value & ~DIRTY);
    }

    /** {@code pte_same(a, b)}. */
    public static boolean pteSame(Pte a, Pte b) {
        return a.value == b.value;
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        if (isSwap()) {
            return "swap(" + (value - SWAP_BASE) + ")";
        }
        return "present(page" + pfn() + (isWritable() ? ",rw" : ",ro") + (isDirty() ? ",dirty" : "") + ")";
    }
}
