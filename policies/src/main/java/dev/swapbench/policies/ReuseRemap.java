package dev.swapbench.policies;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Vma;

/**
 * {@link KsmForcedWrite} plus Hugh Dickins' answer to it (13 Jul 2010, Message-ID
 * {@code <alpine.DEB.1.00.1007131320170.20413@tigran.mtv.corp.google.com>}): "That could perhaps be fixed by
 * forcing page->mapping and page->index when reusing". Wherever reuse_swap_page lets a fault reuse a page, in
 * do_swap_page and in do_wp_page's reuse branch, page->mapping and page->index are set to the faulting vma's,
 * under the page lock.
 */
public final class ReuseRemap extends KsmForcedWrite {

    @Override
    public String id() {
        return "reuse-remap";
    }

    @Override
    public String description() {
        return "ksm-forced-write plus Hugh's idea: force page->mapping and page->index on reuse";
    }

    @Override
    public String source() {
        return "linux-mm, Hugh Dickins, 13 Jul 2010, <alpine.DEB.1.00.1007131320170.20413@tigran.mtv.corp.google.com>";
    }

    @Override
    protected void swapReused(Kernel k, Page page, Vma vma, int address) {
        k.pageForceAnonRmap(page, vma, address);
    }

    /** do_wp_page's reuse: page_move_anon_rmap would set the mapping only (and BUG on the index); set both. */
    @Override
    public void wpPageReuse(Kernel k, Fault fault, Page page) {
        k.pageForceAnonRmap(page, fault.vma(), fault.address());
    }
}
