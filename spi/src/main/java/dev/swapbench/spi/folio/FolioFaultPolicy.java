package dev.swapbench.spi.folio;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;

/**
 * A variant of the folio-era (v6.x) swap-in fault path. It is found like every policy, through
 * {@code META-INF/services/dev.swapbench.spi.SwapFaultPolicy}, and declares its era with the baseline
 * {@link KernelBaseline#V6}; the engine then calls {@link #doSwapPage(FolioKernel, Fault)} on its v6 model and never
 * the 2010 handler.
 *
 * <p>Experimental (see the package documentation).
 *
 * @since 0.2
 */
public interface FolioFaultPolicy extends SwapFaultPolicy {

    /** The folio era: this policy runs on the engine's v6 model and is judged only on v6 scenarios. */
    @Override
    default KernelBaseline baseline() {
        return KernelBaseline.V6;
    }

    /**
     * {@code do_swap_page(struct vm_fault *vmf)} of the variant: called with {@code mmap_lock} held for read, without
     * the pte lock, for a pte that held a swap entry when {@code handle_pte_fault} read it.
     *
     * @return {@code VM_FAULT_*} bits; the user access is retried whatever the result
     */
    int doSwapPage(FolioKernel k, Fault vmf);

    /** Never called: a folio-era policy has no 2.6-era handler. */
    @Override
    default int doSwapPage(Kernel k, Fault fault) {
        throw new UnsupportedOperationException("policy " + id() + " is a folio-era (v6) policy: it runs only on "
                + "v6 scenarios");
    }
}
