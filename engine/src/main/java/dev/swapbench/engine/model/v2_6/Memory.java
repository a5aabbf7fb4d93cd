package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_READ_IO;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.spi.Pte;

/**
 * {@code Memory} is mm/memory.c as far as the model needs it besides the swap-in fault itself (which the policy
 * under test runs): the user's access and the fault's entry, the pte lock, set_pte_at, copy_user_highpage, zap of
 * one pte, fork's copy_page_range; with mmap_sem (kernel/rwsem.c) and exit_mmap (mm/mmap.c), which act on the mm.
 */
final class Memory {
    private final Layout l;
    private final Bug bug;
    private final PageAlloc pageAlloc;
    private final Memcontrol memcontrol;
    private final Swapfile swapfile;

    Memory(Layout layout, Bug bug, PageAlloc pageAlloc, Memcontrol memcontrol, Swapfile swapfile) {
        this.l = layout;
        this.bug = bug;
        this.pageAlloc = pageAlloc;
        this.memcontrol = memcontrol;
        this.swapfile = swapfile;
    }

    /**
     * The user's load or store, and handle_pte_fault's first look (v2.6.35 mm/memory.c:3073-3124, v2.6.36
     * :3142-3193). With a usable pte the access happens (a store writes a new data version, a load must see the last
     * one written there); otherwise the result is the pte value the fault then acts on. A load from pte_none reads
     * the zero page, which is stale if something was written there.
     */
    int userAccess(int[] s, int m, int address, boolean write) {
        int pte = l.pte(s, m, address);
        Pte p = new Pte(pte);
        if (p.isNone() && !write) {
            if (l.lastWritten(s, m, address) != 0) {
                throw new Violation(CheckId.STALE_MAPPING, "mm " + l.mmName(m) + " address " + address
                        + " reads the zero page, but " + l.lastWritten(s, m, address) + " was written there last");
            }
            return Op26.DONE;
        }
        if (!p.isPresent() || (write && !p.isWritable())) {
            return pte;
        }
        int pfn = p.pfn();
        if (write) {
            if (!p.isDirty()) {
                l.setPte(s, m, address, p.mkDirty().value()); // the MMU sets the dirty bit on a store
            }
            int v = l.nextData(s);
            l.setData(s, pfn, v);
            l.setLastWritten(s, m, address, v);
        } else if (l.data(s, pfn) != l.lastWritten(s, m, address)) {
            throw new Violation(CheckId.STALE_MAPPING, "mm " + l.mmName(m) + " address " + address + " reads "
                    + l.data(s, pfn) + " from page" + pfn + ", but " + l.lastWritten(s, m, address)
                    + " was written there last");
        }
        return Op26.DONE;
    }

    // ---- mmap_sem (kernel/rwsem.c, include/linux/rwsem.h) ----

    /** down_read(&mm->mmap_sem): whether it can be taken (no writer; the mm exists). */
    boolean downReadReady(int[] s, int m) {
        return !l.mmapWriter(s, m) && l.alive(s, m);
    }

    /** down_write(&mm->mmap_sem): whether it can be taken (no writer, no reader; the mm exists). */
    boolean downWriteReady(int[] s, int m) {
        return !l.mmapWriter(s, m) && l.mmapReaders(s, m) == 0 && l.alive(s, m);
    }

    /** Model-only: taking or dropping mmap_sem for read is invisible when no thread ever takes it for write. */
    boolean mmapReadInvisible(int m) {
        return !l.hasMmapWriter(m);
    }

    void downRead(int[] s, int m) {
        l.addMmapReaders(s, m, 1);
    }

    /**
     * swapoff's way into an mm, v2.6.35 mm/swapfile.c:1183 and :1012 (v2.6.36 :1198 and :1027): atomic_inc_not_zero of
     * mm_users (-1 when the mm has exited), then down_read_trylock (include/linux/rwsem.h; 0 while a writer holds
     * mmap_sem, 1 when taken).
     */
    int downReadTrylock(int[] s, int m) {
        if (!l.alive(s, m)) {
            return -1;
        }
        if (l.mmapWriter(s, m)) {
            return 0;
        }
        l.addMmapReaders(s, m, 1);
        return 1;
    }

    /** down_read of an mm whose mm_struct the caller keeps (swapoff's mm_users, ksmd's mm_slot): no writer needed. */
    boolean downReadPinnedReady(int[] s, int m) {
        return !l.mmapWriter(s, m);
    }

    /** down_read of a kept mm, then ksm_test_exit (v2.6.35 mm/ksm.c:344-347): 1 while the mm is alive, else 0. */
    int downReadPinned(int[] s, int m) {
        l.addMmapReaders(s, m, 1);
        return l.alive(s, m) ? 1 : 0;
    }

    void upRead(int[] s, int m) {
        l.addMmapReaders(s, m, -1);
    }

    void downWrite(int[] s, int m) {
        l.setMmapWriter(s, m, true);
    }

    void upWrite(int[] s, int m) {
        l.setMmapWriter(s, m, false);
    }

    // ---- the pte lock ----

    /** Whether mm m's pte lock is free (pte_offset_map_lock spins otherwise). */
    boolean ptlFree(int[] s, int m) {
        return l.ptlOwner(s, m) == 0;
    }

    /** pte_offset_map_lock (include/linux/mm.h): takes the lock, returns the pte. */
    int pteOffsetMapLock(int[] s, int owner, int m, int address) {
        if (!l.alive(s, m)) {
            throw Bug.bug("pte_offset_map_lock in mm " + l.mmName(m) + ", which has exited");
        }
        l.setPtlOwner(s, m, owner);
        return l.pte(s, m, address);
    }

    /** pte_unmap_unlock (include/linux/mm.h). */
    void pteUnmapUnlock(int[] s, int owner, int m) {
        bug.requirePtl(s, m, owner, "pte_unmap_unlock");
        l.setPtlOwner(s, m, 0);
    }

    /** set_pte_at (arch), under the pte lock. */
    void setPteAt(int[] s, int owner, int m, int address, int value) {
        bug.requirePtl(s, m, owner, "set_pte_at");
        l.setPte(s, m, address, value);
    }

    /**
     * follow_page(vma, address, FOLL_GET), v2.6.35 mm/memory.c:1242-1342 (v2.6.36 :1240-1340), as break_ksm uses it:
     * under the pte lock (taken and dropped in the step), a present pte's page gets a reference. Returns the pte, or -1
     * when no page is present there.
     */
    int followPage(int[] s, int m, int address) {
        Pte p = new Pte(l.pte(s, m, address));
        if (!l.alive(s, m) || !p.isPresent()) {
            return Op26.NULL;
        }
        pageAlloc.getPage(s, p.pfn());
        return p.value();
    }

    /** Whether mm m exists (a thread of an mm that fork has not created yet, or that has exited, cannot run). */
    boolean mmAlive(int[] s, int m) {
        return l.alive(s, m);
    }

    // ---- copies ----

    /** copy_user_highpage (include/linux/highmem.h): the COW copy of the data. */
    void copyUserHighpage(int[] s, int dst, int src) {
        bug.requireAllocated(s, dst, "copy_user_highpage");
        bug.requireAllocated(s, src, "copy_user_highpage");
        l.setData(s, dst, l.data(s, src));
    }

    /**
     * Model-only: whether a copy_user_highpage is invisible to other threads: into a page only the copier holds, from
     * a page no pte maps writable and with no read in flight (its data cannot change meanwhile).
     */
    boolean copyIsPrivate(int[] s, int dst, int src) {
        return pageAlloc.privateToHolder(s, dst) && !mappedWritable(s, src) && !l.test(s, src, PG_READ_IO);
    }

    /** Model-only: whether any present pte maps the page writable. */
    private boolean mappedWritable(int[] s, int pfn) {
        for (int m = 0; m < l.mms(); m++) {
            for (int a = l.vmaStart(m); a < l.vmaEnd(m); a++) {
                Pte p = new Pte(l.pte(s, m, a));
                if (p.isWritable() && p.pfn() == pfn) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- unmapping and fork ----

    /**
     * zap_pte_range for one pte, v2.6.35 mm/memory.c:893-989 (v2.6.36 :891-987), under the pte lock: clears it and
     * forgets what was written there (MADV_DONTNEED leaves zeroes). A present pte's page gets page_remove_rmap here;
     * its reference is dropped by the caller (the tlb gather). Returns the old pte value.
     */
    int zapPte(int[] s, int owner, int m, int address) {
        bug.requirePtl(s, m, owner, "zap_pte_range");
        int old = l.pte(s, m, address);
        l.setPte(s, m, address, 0);
        l.setLastWritten(s, m, address, 0);
        Pte p = new Pte(old);
        if (p.isPresent()) {
            int pfn = p.pfn();
            if (l.mapcount(s, pfn) <= 0) {
                throw Bug.bug("page_remove_rmap: page" + pfn + " mapcount underflow");
            }
            l.addMapcount(s, pfn, -1);
            memcontrol.memCgroupUnchargePage(s, pfn, "zap_pte_range: page_remove_rmap(page" + pfn + ")");
        }
        return old;
    }

    /**
     * fork: copy_page_range, v2.6.35 mm/memory.c:831-891 (v2.6.36 :829-889), through copy_pte_range and
     * copy_one_pte (:652-722; v2.6.36 :650-720), for the whole vma under both mms' pte locks (the caller holds
     * mmap_sem for write). A swap pte gets swap_duplicate; a present page one more reference and mapcount, and both
     * ptes are write-protected (is_cow_mapping: ptep_set_wrprotect and pte_wrprotect) but stay dirty (pte_mkclean is
     * only for VM_SHARED; pte_mkold is not modelled). The child sees what the parent last wrote.
     */
    void copyPageRange(int[] s, int parent, int child) {
        for (int a = 0; a < l.vmaPages(parent); a++) {
            int from = l.vmaStart(parent) + a, to = l.vmaStart(child) + a;
            int v = l.pte(s, parent, from);
            Pte p = new Pte(v);
            if (p.isSwap()) {
                swapfile.swapDuplicate(s, p.toSwapEntry().val(), "copy_one_pte: swap_duplicate");
            } else if (p.isPresent()) {
                l.addCount(s, p.pfn(), 1);
                l.addMapcount(s, p.pfn(), 1);
                v = p.wrprotect().value();
                l.setPte(s, parent, from, v);
            }
            l.setPte(s, child, to, v);
            l.setLastWritten(s, child, to, l.lastWritten(s, parent, from));
        }
        l.setAlive(s, child, true);
    }

    /** exit_mmap, v2.6.35 mm/mmap.c:2222-2266 (v2.6.36 :2249-2293): the mm is gone (its ptes are zapped before). */
    void exitMmap(int[] s, int m) {
        l.setAlive(s, m, false);
    }
}
