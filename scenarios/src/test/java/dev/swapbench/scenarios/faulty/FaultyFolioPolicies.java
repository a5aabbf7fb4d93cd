package dev.swapbench.scenarios.faulty;

import dev.swapbench.policies.v6.SwapcachePrepare68;
import dev.swapbench.policies.v6.SwapcacheWait69;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.spi.folio.Folio;
import dev.swapbench.spi.folio.FolioKernel;
import dev.swapbench.spi.folio.SwapInfo;
import java.util.List;

/**
 * Folio-era (v6) test policies with one mistake each, to show that the livelock and memcg-drift checks fire where a
 * patch makes a retry that can go on forever or gets the memcg bookkeeping wrong (no built-in policy does, in any
 * scenario).
 */
public final class FaultyFolioPolicies {
    private FaultyFolioPolicies() {
    }

    /**
     * swapcache-wait-v6.9 that backs off politely: a fault that wins {@code swapcache_prepare} but sees another fault
     * waiting on {@code swapcache_wq} drops its pin and retries as if it had lost. Two such faults on one entry can
     * hand the pin back and forth for ever, each always finding the other on the queue.
     */
    static final class PoliteBackoff extends SwapcacheWait69 {
        @Override
        public String id() {
            return "polite-backoff";
        }

        @Override
        public String description() {
            return "swapcache-wait-v6.9 whose pin winner backs off whenever another fault waits on swapcache_wq";
        }

        @Override
        public String source() {
            return "test policy";
        }

        @Override
        public int doSwapPage(FolioKernel k, Fault vmf) {
            return super.doSwapPage(new DelegatingFolioKernel(k) {
                @Override
                public int swapcachePrepare(SwapEntry entry) {
                    int err = this.k.swapcachePrepare(entry);
                    if (err == 0 && this.k.waitqueueActive()) {
                        this.k.swapcacheClear(new SwapInfo(0), entry);
                        return FolioKernel.EEXIST;
                    }
                    return err;
                }
            }, vmf);
        }
    }

    /**
     * swapcache-prepare-v6.8 whose skip-swapcache path lost its {@code mem_cgroup_swapin_charge_folio} and
     * {@code mem_cgroup_swapin_uncharge_swap} (as a backport that drops the memcg hunk would): the private folio is
     * mapped without a charge, so the memcg's memory counter misses it.
     */
    static final class SwapinNoCharge extends SwapcachePrepare68 {
        @Override
        public String id() {
            return "swapin-no-charge";
        }

        @Override
        public String description() {
            return "swapcache-prepare-v6.8 that maps the skip-swapcache folio without charging it to a memcg";
        }

        @Override
        public String source() {
            return "test policy";
        }

        @Override
        public int doSwapPage(FolioKernel k, Fault vmf) {
            return super.doSwapPage(new DelegatingFolioKernel(k) {
                @Override
                public int memCgroupSwapinChargeFolio(Folio folio, Fault f, SwapEntry entry) {
                    return 0;
                }

                @Override
                public void memCgroupSwapinUnchargeSwap(SwapEntry entry) {
                }
            }, vmf);
        }
    }

    public static List<SwapFaultPolicy> all() {
        return List.of(new PoliteBackoff(), new SwapinNoCharge());
    }

    /** A {@link FolioKernel} that passes every call on; test policies override the one they get wrong. */
    abstract static class DelegatingFolioKernel implements FolioKernel {
        final FolioKernel k;

        DelegatingFolioKernel(FolioKernel k) {
            this.k = k;
        }

        @Override
        public SwapInfo getSwapDevice(SwapEntry entry) {
            return k.getSwapDevice(entry);
        }

        @Override
        public void putSwapDevice(SwapInfo si) {
            k.putSwapDevice(si);
        }

        @Override
        public boolean swpSynchronousIo() {
            return k.swpSynchronousIo();
        }

        @Override
        public int swapCount(SwapEntry entry) {
            return k.swapCount(entry);
        }

        @Override
        public int swapcachePrepare(SwapEntry entry) {
            return k.swapcachePrepare(entry);
        }

        @Override
        public void swapcacheClear(SwapInfo si, SwapEntry entry) {
            k.swapcacheClear(si, entry);
        }

        @Override
        public void swapFree(SwapEntry entry) {
            k.swapFree(entry);
        }

        @Override
        public Folio swapCacheGetFolio(SwapEntry entry) {
            return k.swapCacheGetFolio(entry);
        }

        @Override
        public int memCgroupSwapinChargeFolio(Folio folio, Fault vmf, SwapEntry entry) {
            return k.memCgroupSwapinChargeFolio(folio, vmf, entry);
        }

        @Override
        public void memCgroupSwapinUnchargeSwap(SwapEntry entry) {
            k.memCgroupSwapinUnchargeSwap(entry);
        }

        @Override
        public Folio swapinReadahead(SwapEntry entry, Fault vmf) {
            return k.swapinReadahead(entry, vmf);
        }

        @Override
        public boolean folioFreeSwap(Folio folio) {
            return k.folioFreeSwap(folio);
        }

        @Override
        public void folioLock(Folio folio) {
            k.folioLock(folio);
        }

        @Override
        public void folioUnlock(Folio folio) {
            k.folioUnlock(folio);
        }

        @Override
        public void folioPut(Folio folio) {
            k.folioPut(folio);
        }

        @Override
        public boolean folioTestSwapcache(Folio folio) {
            return k.folioTestSwapcache(folio);
        }

        @Override
        public SwapEntry folioSwap(Folio folio) {
            return k.folioSwap(folio);
        }

        @Override
        public boolean folioTestUptodate(Folio folio) {
            return k.folioTestUptodate(folio);
        }

        @Override
        public int folioRefCount(Folio folio) {
            return k.folioRefCount(folio);
        }

        @Override
        public Folio vmaAllocFolio(Fault vmf) {
            return k.vmaAllocFolio(vmf);
        }

        @Override
        public void folioSetLocked(Folio folio) {
            k.folioSetLocked(folio);
        }

        @Override
        public void folioSetSwapbacked(Folio folio) {
            k.folioSetSwapbacked(folio);
        }

        @Override
        public void folioAddLru(Folio folio) {
            k.folioAddLru(folio);
        }

        @Override
        public void swapReadFolio(Folio folio, SwapEntry entry) {
            k.swapReadFolio(folio, entry);
        }

        @Override
        public Pte pteOffsetMapLock(Fault vmf) {
            return k.pteOffsetMapLock(vmf);
        }

        @Override
        public void pteUnmapUnlock(Fault vmf) {
            k.pteUnmapUnlock(vmf);
        }

        @Override
        public void setPteAt(Fault vmf, Pte pte) {
            k.setPteAt(vmf, pte);
        }

        @Override
        public void folioAddNewAnonRmap(Folio folio, Fault vmf) {
            k.folioAddNewAnonRmap(folio, vmf);
        }

        @Override
        public void folioAddAnonRmapPte(Folio folio, Fault vmf) {
            k.folioAddAnonRmapPte(folio, vmf);
        }

        @Override
        public void scheduleTimeoutUninterruptible() {
            k.scheduleTimeoutUninterruptible();
        }

        @Override
        public void addWaitQueue() {
            k.addWaitQueue();
        }

        @Override
        public void removeWaitQueue() {
            k.removeWaitQueue();
        }

        @Override
        public boolean waitqueueActive() {
            return k.waitqueueActive();
        }

        @Override
        public void wakeUp() {
            k.wakeUp();
        }
    }
}
