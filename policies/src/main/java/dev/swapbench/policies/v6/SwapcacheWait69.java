package dev.swapbench.policies.v6;

import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.folio.FolioKernel;
import dev.swapbench.spi.folio.SwapInfo;

/**
 * do_swap_page with 01626a182302 "mm: avoid unconditional one-tick sleep when swapcache_prepare fails" (Barry Song,
 * 2024, on top of 13ddaf26be32; read in its stable-queue mail): the loser of {@code swapcache_prepare} still sleeps at
 * most one tick, but on the {@code swapcache_wq} wait queue, and the winner wakes the queue after
 * {@code swapcache_clear} when someone waits on it.
 *
 * <p>Read from the patch as merged (the mm-hotfixes-stable mail of 2024-10-26): mm/memory.c of 01626a182302,
 * {@code swapcache_wq} declared at line 4190, {@code do_swap_page} at 4200-4639, the wait around the tick at 4303-4305
 * and the wake after {@code swapcache_clear} at 4612-4616 ({@code out:}) and 4631-4635 ({@code out_release:}). By then
 * the loser goes to {@code out_page} (mTHP swap-in allocates the folio first); the modelled flow is v6.8's, with the
 * commit's wait and wake in place of the bare tick.
 *
 * <p>The commit is a latency fix (UI stutter from the unconditional tick), not a correctness fix: the sleep is still
 * bounded by the tick, so in an untimed model both versions have the same interleavings up to the wait-queue steps,
 * and the same verdicts.
 */
public class SwapcacheWait69 extends SwapcachePrepare68 {

    @Override
    public String id() {
        return "swapcache-wait-v6.9";
    }

    @Override
    public String description() {
        return "as swapcache-prepare-v6.8, but the loser waits on swapcache_wq and the winner wakes it";
    }

    @Override
    public String source() {
        return "01626a182302 (v6.12-rc, Fixes: 13ddaf26be32)";
    }

    @Override
    protected void relax(FolioKernel k) {
        k.addWaitQueue();
        k.scheduleTimeoutUninterruptible();
        k.removeWaitQueue();
    }

    @Override
    protected void clearCache(FolioKernel k, SwapInfo si, SwapEntry entry) {
        k.swapcacheClear(si, entry);
        if (k.waitqueueActive()) {
            k.wakeUp();
        }
    }
}
