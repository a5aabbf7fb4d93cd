package dev.swapbench.policies;

import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.SwapEntry;

/**
 * Andrea Arcangeli's "mm: fix swapin race condition" (4969c1192d15, v2.6.36-rc4) on v2.6.36-rc3: the
 * {@code !PageSwapCache} check after lock_page and the original kept locked until after swap_free, without Hugh's
 * later page_private half. Everything else is as in {@link Mainline2636}, which is that commit plus 31c4a3d3a0f8.
 */
public final class AndreaRecheck extends Mainline2636 {

    @Override
    public String id() {
        return "andrea-recheck";
    }

    @Override
    public String description() {
        return "4969c11: !PageSwapCache after lock_page; original stays locked until after swap_free";
    }

    @Override
    public String source() {
        return "4969c1192d15 \"mm: fix swapin race condition\" (v2.6.36-rc4)";
    }

    /** Make sure try_to_free_swap didn't release the swapcache from under us. The page pin isn't enough. */
    @Override
    protected boolean swapcacheReleased(Kernel k, Page page, SwapEntry entry) {
        return !k.pageSwapCache(page);
    }
}
