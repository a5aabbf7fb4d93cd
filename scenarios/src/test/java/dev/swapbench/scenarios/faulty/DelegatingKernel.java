package dev.swapbench.scenarios.faulty;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.MemCgroup;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.Vma;

/** A {@link Kernel} that passes every call on; faulty test policies override the calls they get wrong. */
class DelegatingKernel implements Kernel {
    final Kernel k;

    DelegatingKernel(Kernel k) {
        this.k = k;
    }

    @Override
    public Page lookupSwapCache(SwapEntry entry) {
        return k.lookupSwapCache(entry);
    }

    @Override
    public Page swapinReadahead(SwapEntry entry, Vma vma, int address) {
        return k.swapinReadahead(entry, vma, address);
    }

    @Override
    public void deleteFromSwapCache(Page page) {
        k.deleteFromSwapCache(page);
    }

    @Override
    public void lockPage(Page page) {
        k.lockPage(page);
    }

    @Override
    public boolean trylockPage(Page page) {
        return k.trylockPage(page);
    }

    @Override
    public void unlockPage(Page page) {
        k.unlockPage(page);
    }

    @Override
    public void getPage(Page page) {
        k.getPage(page);
    }

    @Override
    public void pageCacheRelease(Page page) {
        k.pageCacheRelease(page);
    }

    @Override
    public boolean pageSwapCache(Page page) {
        return k.pageSwapCache(page);
    }

    @Override
    public int pagePrivate(Page page) {
        return k.pagePrivate(page);
    }

    @Override
    public boolean pageUptodate(Page page) {
        return k.pageUptodate(page);
    }

    @Override
    public boolean pageWriteback(Page page) {
        return k.pageWriteback(page);
    }

    @Override
    public boolean pageKsm(Page page) {
        return k.pageKsm(page);
    }

    @Override
    public int pageMapcount(Page page) {
        return k.pageMapcount(page);
    }

    @Override
    public void setPageDirty(Page page) {
        k.setPageDirty(page);
    }

    @Override
    public void setPageUptodate(Page page) {
        k.setPageUptodate(page);
    }

    @Override
    public void setPageSwapBacked(Page page) {
        k.setPageSwapBacked(page);
    }

    @Override
    public void setPageLocked(Page page) {
        k.setPageLocked(page);
    }

    @Override
    public int pageSwapcount(Page page) {
        return k.pageSwapcount(page);
    }

    @Override
    public void swapFree(SwapEntry entry) {
        k.swapFree(entry);
    }

    @Override
    public boolean vmSwapFull() {
        return k.vmSwapFull();
    }

    @Override
    public boolean pageMlocked(Page page) {
        return k.pageMlocked(page);
    }

    @Override
    public boolean vmLocked(Vma vma) {
        return k.vmLocked(vma);
    }

    @Override
    public boolean reuseSwapPage(Page page) {
        return k.reuseSwapPage(page);
    }

    @Override
    public boolean tryToFreeSwap(Page page) {
        return k.tryToFreeSwap(page);
    }

    @Override
    public Pte pteOffsetMapLock(Fault fault) {
        return k.pteOffsetMapLock(fault);
    }

    @Override
    public void pteUnmapUnlock(Fault fault) {
        k.pteUnmapUnlock(fault);
    }

    @Override
    public void setPteAt(Fault fault, Pte pte) {
        k.setPteAt(fault, pte);
    }

    @Override
    public int doWpPage(Fault fault, Pte origPte) {
        return k.doWpPage(fault, origPte);
    }

    @Override
    public Page allocPageVma(Vma vma, int address) {
        return k.allocPageVma(vma, address);
    }

    @Override
    public void copyUserHighpage(Page to, Page from) {
        k.copyUserHighpage(to, from);
    }

    @Override
    public void lruCacheAddLru(Page page) {
        k.lruCacheAddLru(page);
    }

    @Override
    public void pageAddAnonRmap(Page page, Vma vma, int address) {
        k.pageAddAnonRmap(page, vma, address);
    }

    @Override
    public void doPageAddAnonRmap(Page page, Vma vma, int address, boolean exclusive) {
        k.doPageAddAnonRmap(page, vma, address, exclusive);
    }

    @Override
    public void pageMoveAnonRmap(Page page, Vma vma, int address) {
        k.pageMoveAnonRmap(page, vma, address);
    }

    @Override
    public void pageRemoveRmap(Page page) {
        k.pageRemoveRmap(page);
    }

    @Override
    public void pageForceAnonRmap(Page page, Vma vma, int address) {
        k.pageForceAnonRmap(page, vma, address);
    }

    @Override
    public boolean ksmMightNeedToCopy(Page page, Vma vma, int address) {
        return k.ksmMightNeedToCopy(page, vma, address);
    }

    @Override
    public Page ksmDoesNeedToCopy(Page page, Vma vma, int address) {
        return k.ksmDoesNeedToCopy(page, vma, address);
    }

    @Override
    public MemCgroup memCgroupTryChargeSwapin(int mm, Page page) {
        return k.memCgroupTryChargeSwapin(mm, page);
    }

    @Override
    public int memCgroupTryChargeSwapin(int mm, Page page, MemCgroup[] ptr) {
        return k.memCgroupTryChargeSwapin(mm, page, ptr);
    }

    @Override
    public void memCgroupCommitChargeSwapin(Page page, MemCgroup ptr) {
        k.memCgroupCommitChargeSwapin(page, ptr);
    }

    @Override
    public void memCgroupCancelChargeSwapin(MemCgroup ptr) {
        k.memCgroupCancelChargeSwapin(ptr);
    }

    @Override
    public int linearPageIndex(Vma vma, int address) {
        return k.linearPageIndex(vma, address);
    }

    @Override
    public KernelBaseline baseline() {
        return k.baseline();
    }
}
