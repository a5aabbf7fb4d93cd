package dev.swapbench.spi;

/**
 * A variant of the swap-in fault path, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.swapbench.spi.SwapFaultPolicy}.
 *
 * <p>{@link #doSwapPage} is the variant's {@code do_swap_page()}. A patch that also touches neighbouring routines
 * overrides the hooks below; the kernel's versions are the defaults. Every method must be a deterministic function of
 * its arguments and of what its {@link Kernel} calls return (see the package documentation).
 */
public interface SwapFaultPolicy {

    /** Short id used on the command line and in scenario expectations, e.g. {@code mainline-2.6.36}. */
    String id();

    /** One line: what the variant does. */
    String description();

    /** The kernel commit, tree or mail the variant models, e.g. {@code 31c4a3d3a0f8 (v2.6.36-rc5)}. */
    String source();

    /** The rmap world the neighbouring kernel code follows. */
    KernelBaseline baseline();

    /**
     * {@code do_swap_page()}: called by {@code handle_pte_fault} with {@code mmap_sem} held for read, without the pte
     * lock, for a pte that held a swap entry when it was read.
     *
     * @return {@code VM_FAULT_*} bits; the user access is retried whatever the result
     */
    int doSwapPage(Kernel k, Fault fault);

    /** {@code reuse_swap_page()} as called from do_swap_page and do_wp_page (page locked). */
    default boolean reuseSwapPage(Kernel k, Page page) {
        return k.reuseSwapPage(page);
    }

    /** do_wp_page's reuse branch once reuse_swap_page said yes (page locked, pte lock held). */
    default void wpPageReuse(Kernel k, Fault fault, Page page) {
        k.pageMoveAnonRmap(page, fault.vma(), fault.address());
    }
}
