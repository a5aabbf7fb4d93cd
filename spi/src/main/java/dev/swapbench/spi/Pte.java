package dev.swapbench.spi;

/**
 * A pte value: none, a swap entry, or present (page frame, writable bit). Values compare like {@code pte_same()}.
 *
 * @param value the encoded pte; use the factory methods
 */
public record Pte(int value) {
    private static final int SWAP_BASE = 1;
    private static final int PRESENT_BASE = 1 << 16;

    public static final Pte NONE = new Pte(0);

    public static Pte swap(SwapEntry entry) {
        return new Pte(SWAP_BASE + entry.val());
    }

    /** {@code mk_pte(page, vma->vm_page_prot)}: read-only, as for a private COW vma. */
    public static Pte mkPte(Page page) {
        return new Pte(PRESENT_BASE + (page.pfn() << 1));
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
        return isPresent() && (value & 1) != 0;
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
        return (value - PRESENT_BASE) >> 1;
    }

    /** {@code maybe_mkwrite(pte_mkdirty(pte), vma)} for a VM_WRITE vma: the pte made writable. */
    public Pte mkWrite() {
        if (!isPresent()) {
            throw new IllegalStateException("pte_mkwrite on " + this);
        }
        return new Pte(value | 1);
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
        return "present(page" + pfn() + (isWritable() ? ",rw" : ",ro") + ")";
    }
}
