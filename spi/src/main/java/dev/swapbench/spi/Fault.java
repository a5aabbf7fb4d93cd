package dev.swapbench.spi;

/**
 * The arguments of {@code do_swap_page(mm, vma, address, page_table, pmd, flags, orig_pte)}.
 *
 * @param mm      the faulting mm id
 * @param vma     the vma holding {@code address}
 * @param address the faulting virtual page
 * @param flags   fault flags ({@link VmFault#FAULT_FLAG_WRITE})
 * @param origPte the pte as {@code handle_pte_fault} read it, without the pte lock
 */
public record Fault(int mm, Vma vma, int address, int flags, Pte origPte) {
}
