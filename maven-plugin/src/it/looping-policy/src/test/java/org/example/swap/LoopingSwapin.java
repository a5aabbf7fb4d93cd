package org.example.swap;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;

/**
 * A do_swap_page that looks the entry up in the swap cache and then spins without calling the kernel again: the
 * step budget cannot see it (it counts kernel calls), only the worker's watchdog can.
 */
public final class LoopingSwapin implements SwapFaultPolicy {

    @Override
    public String id() {
        return "looping-swapin";
    }

    @Override
    public String description() {
        return "spins after lookup_swap_cache";
    }

    @Override
    public String source() {
        return "the looping-policy IT";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_36;
    }

    @Override
    public int doSwapPage(Kernel k, Fault f) {
        k.lookupSwapCache(f.origPte().toSwapEntry());
        while (true) {
            Thread.onSpinWait();
        }
    }
}
