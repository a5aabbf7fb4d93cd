package dev.swapbench.engine.model;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Pte;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel model: the layout of a machine state in a flat {@code int[]} and the semantics of every atomic step.
 *
 * <p>A state holds page frames, swap slots (swap_map count, SWAP_HAS_CACHE, the swap cache radix entry, the disk
 * contents) and mms (pte lock, mmap_sem, ptes, and the last value written at each address). Kernel-paths.md sections
 * 1-8 describe the routines; each step below cites the function it models. Free frames and free slots are all
 * zeros, so equal machines have equal arrays.
 */
public final class Machine {
    // ---- page flags (include/linux/page-flags.h, as far as the model needs them) ----
    public static final int PG_ALLOC = 1;
    public static final int PG_SWAPCACHE = 1 << 1;
    public static final int PG_DIRTY = 1 << 2;
    public static final int PG_UPTODATE = 1 << 3;
    public static final int PG_WRITEBACK = 1 << 4;
    public static final int PG_SWAPBACKED = 1 << 5;
    public static final int PG_LRU = 1 << 6;
    /** A swap read is in flight (end_swap_bio_read still to come). */
    public static final int PG_READ_IO = 1 << 7;

    /** Lock owner value for a page locked by its own read I/O. */
    public static final int LOCK_IO = 1 << 20;

    /** page->mapping values: 0 none, ANON+anon_vma id, KSM+stable node id. */
    public static final int MAPPING_ANON = 1;
    public static final int MAPPING_KSM = 1 << 10;

    // frame fields
    static final int F_FLAGS = 0, F_REF = 1, F_MAPCOUNT = 2, F_PRIVATE = 3, F_MAPPING = 4, F_INDEX = 5, F_DATA = 6,
            F_LOCK = 7, F_MEMCG = 8, F_STRIDE = 9;
    // slot fields: swap_map count, SWAP_HAS_CACHE, swap cache radix entry (pfn+1), disk data, swap_cgroup record
    static final int S_COUNT = 0, S_HAS_CACHE = 1, S_PAGE = 2, S_DATA = 3, S_CGROUP = 4, S_STRIDE = 5;
    // memcg counters, in pages: res, memsw, MEM_CGROUP_STAT_SWAPOUT, and try_charges not yet committed or cancelled
    static final int C_RES = 0, C_MEMSW = 1, C_SWAPOUT = 2, C_PENDING = 3, C_STRIDE = 4;
    // mm fields, then ptes[nv], then last written[nv]
    static final int M_ALIVE = 0, M_PTL = 1, M_READERS = 2, M_WRITER = 3, M_HEADER = 4;
    // globals
    static final int G_GEN = 0, G_SWAP_OFF = 1, G_HEADER = 2;

    public static final int DONE = -1;
    public static final int NULL = -1;
    public static final int EEXIST = 1, ENOENT = 2;

    final int nf, ns, nm, nv;
    final int memcgBase, frameBase, slotBase, mmBase, mmStride, size;
    /** Memory cgroups (index 0 is the root); empty when no mm names one: memcg is then not modelled. */
    final String[] memcgNames;
    /** The memcg of each mm. */
    final int[] memcgOf;
    final KernelBaseline baseline;
    final Knobs knobs;
    final String[] mmNames;
    final int[] vmaStart, vmaPages, pgoff;
    /** anon_vma root of each mm's anon_vma (the anon_vma of mm i has id i). */
    final int[] root;
    /** ancestors[m]: bit set of the anon_vmas on mm m's anon_vma chain (its own and its fork ancestors'). */
    final int[] chain;
    /** Per mm: whether some thread can take mmap_sem for write (fork, exit); otherwise readers are invisible. */
    final boolean[] mmapWriters;
    final int[] initial;

    public Machine(Scenario scenario, KernelBaseline baseline) {
        this.baseline = baseline;
        this.knobs = scenario.knobs();
        var mem = scenario.memory();
        nf = mem.frames();
        ns = mem.swapSlots();
        nm = mem.mms().size();
        Map<String, Integer> mmIndex = new HashMap<>();
        for (int i = 0; i < nm; i++) {
            mmIndex.put(mem.mms().get(i).id(), i);
        }
        mmNames = new String[nm];
        vmaStart = new int[nm];
        vmaPages = new int[nm];
        pgoff = new int[nm];
        root = new int[nm];
        chain = new int[nm];
        int maxPages = 1;
        for (int i = 0; i < nm; i++) {
            MmSpec m = mem.mms().get(i);
            mmNames[i] = m.id();
            vmaStart[i] = m.vmaStart();
            vmaPages[i] = m.vmaPages();
            pgoff[i] = m.pgoff();
            maxPages = Math.max(maxPages, m.vmaPages());
        }
        for (int i = 0; i < nm; i++) {
            int r = i;
            int bits = 1 << i;
            String parent = mem.mms().get(i).forkedFrom();
            while (parent != null) {
                r = mmIndex.get(parent);
                bits |= 1 << r;
                parent = mem.mms().get(r).forkedFrom();
            }
            root[i] = r;
            chain[i] = bits;
        }
        nv = maxPages;
        List<String> groups = new ArrayList<>();
        memcgOf = new int[nm];
        if (mem.mms().stream().anyMatch(m -> m.memcg() != null)) {
            groups.add("root");
            for (int i = 0; i < nm; i++) {
                String g = mem.mms().get(i).memcg();
                if (g != null && !groups.contains(g)) {
                    groups.add(g);
                }
                memcgOf[i] = g == null ? 0 : groups.indexOf(g);
            }
        }
        memcgNames = groups.toArray(new String[0]);
        memcgBase = G_HEADER;
        frameBase = memcgBase + memcgNames.length * C_STRIDE;
        slotBase = frameBase + nf * F_STRIDE;
        mmBase = slotBase + ns * S_STRIDE;
        mmStride = M_HEADER + 2 * nv;
        size = mmBase + nm * mmStride;
        mmapWriters = new boolean[nm];
        for (var t : scenario.threads()) {
            for (var a : t.actions()) {
                if (t.mm() != null && (a.op() == dev.swapbench.engine.scenario.Action.Op.FORK
                        || a.op() == dev.swapbench.engine.scenario.Action.Op.EXIT)) {
                    mmapWriters[mmIndex.get(t.mm())] = true;
                }
            }
        }
        initial = buildInitial(scenario, mmIndex);
    }

    private int[] buildInitial(Scenario scenario, Map<String, Integer> mmIndex) {
        var mem = scenario.memory();
        int[] s = new int[size];
        Map<String, Integer> pfnOf = new HashMap<>();
        List<PageSpec> pages = mem.pages();
        for (int p = 0; p < pages.size(); p++) {
            PageSpec ps = pages.get(p);
            pfnOf.put(ps.id(), p);
            int f = frame(p);
            int flags = PG_ALLOC | PG_UPTODATE | PG_SWAPBACKED | PG_LRU | (ps.dirty() ? PG_DIRTY : 0);
            s[f + F_DATA] = ps.data();
            if (ps.swapCacheSlot() >= 0) {
                flags |= PG_SWAPCACHE;
                s[f + F_PRIVATE] = ps.swapCacheSlot();
                s[f + F_REF]++;
                int sl = slot(ps.swapCacheSlot());
                s[sl + S_HAS_CACHE] = 1;
                s[sl + S_PAGE] = p + 1;
            }
            if (ps.ksm()) {
                s[f + F_MAPPING] = MAPPING_KSM + p;
            } else if (ps.mappingMm() != null) {
                s[f + F_MAPPING] = MAPPING_ANON + mmIndex.get(ps.mappingMm());
                s[f + F_INDEX] = ps.index();
            }
            s[f + F_FLAGS] = flags;
        }
        for (SlotSpec sl : mem.slots()) {
            s[slot(sl.slot()) + S_DATA] = sl.data();
        }
        for (int m = 0; m < nm; m++) {
            MmSpec ms = mem.mms().get(m);
            int mb = mm(m);
            s[mb + M_ALIVE] = ms.bornByFork() ? 0 : 1;
            for (PteSpec pte : ms.ptes()) {
                int a = pte.address() - vmaStart[m];
                if (pte.kind() == PteSpec.Kind.SWAP) {
                    s[mb + M_HEADER + a] = Pte.swap(new dev.swapbench.spi.SwapEntry(pte.slot())).value();
                    s[slot(pte.slot()) + S_COUNT]++;
                    int cache = s[slot(pte.slot()) + S_PAGE];
                    s[mb + M_HEADER + nv + a] = cache != 0 ? s[frame(cache - 1) + F_DATA] : s[slot(pte.slot()) + S_DATA];
                } else {
                    int p = pfnOf.get(pte.page());
                    if (s[frame(p) + F_MAPPING] == 0) {
                        // a mapped anon page has an anon_vma: the first mapper's (its root's, as a fork shares it)
                        s[frame(p) + F_MAPPING] = MAPPING_ANON + root[m];
                        s[frame(p) + F_INDEX] = linearPageIndex(m, pte.address());
                    }
                    int v = Pte.mkPte(new dev.swapbench.spi.Page(p)).value() | (pte.writable() ? 1 : 0);
                    s[mb + M_HEADER + a] = v;
                    s[frame(p) + F_REF]++;
                    s[frame(p) + F_MAPCOUNT]++;
                    s[mb + M_HEADER + nv + a] = s[frame(p) + F_DATA];
                }
            }
        }
        if (memcgOn()) {
            initialMemcg(s, mem);
        }
        int maxData = 0;
        for (int p = 0; p < nf; p++) {
            maxData = Math.max(maxData, s[frame(p) + F_DATA]);
        }
        for (int i = 1; i <= ns; i++) {
            maxData = Math.max(maxData, s[slot(i) + S_DATA]);
        }
        s[G_GEN] = maxData;
        // a slot that nobody references is free: forget its contents
        for (int i = 1; i <= ns; i++) {
            int sl = slot(i);
            if (s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0) {
                s[sl + S_DATA] = 0;
            }
        }
        return s;
    }

    /**
     * Initial memcg state, as the kernel would have left it: a mapped page is charged (page_cgroup Used) to the
     * first mm mapping it; an unmapped swap cache page is not charged (freshly read); a slot named by swap ptes and
     * not backing a mapped page carries a swap_cgroup record for the first mm naming it (set when it was swapped
     * out). The counters are the sums.
     */
    private void initialMemcg(int[] s, dev.swapbench.engine.scenario.Memory mem) {
        for (int m = 0; m < nm; m++) {
            int mb = mm(m);
            if (s[mb + M_ALIVE] == 0) {
                continue;
            }
            for (int a = 0; a < vmaPages[m]; a++) {
                Pte p = new Pte(s[mb + M_HEADER + a]);
                if (p.isPresent() && s[frame(p.pfn()) + F_MEMCG] == 0) {
                    s[frame(p.pfn()) + F_MEMCG] = memcgOf[m] + 1;
                } else if (p.isSwap()) {
                    int sl = slot(p.toSwapEntry().val());
                    int cache = s[sl + S_PAGE] - 1;
                    boolean backsMappedPage = cache >= 0 && s[frame(cache) + F_MAPCOUNT] > 0;
                    if (knobs.swapAccounting() && !backsMappedPage && s[sl + S_CGROUP] == 0) {
                        s[sl + S_CGROUP] = memcgOf[m] + 1;
                    }
                }
            }
        }
        for (int p = 0; p < nf; p++) {
            int g = s[frame(p) + F_MEMCG] - 1;
            if (g >= 0) {
                s[cg(g) + C_RES]++;
                if (knobs.swapAccounting()) {
                    s[cg(g) + C_MEMSW]++;
                }
            }
        }
        for (int i = 1; i <= ns; i++) {
            int g = s[slot(i) + S_CGROUP] - 1;
            if (g >= 0) {
                s[cg(g) + C_MEMSW]++;
                s[cg(g) + C_SWAPOUT]++;
            }
        }
    }

    // ---- layout accessors ----

    public boolean memcgOn() {
        return memcgNames.length > 0;
    }

    public String memcgName(int g) {
        return g >= 0 && g < memcgNames.length ? memcgNames[g] : "memcg" + g;
    }

    int cg(int g) {
        return memcgBase + g * C_STRIDE;
    }

    public int size() {
        return size;
    }

    public int[] initialState() {
        return initial.clone();
    }

    public int frames() {
        return nf;
    }

    public int slots() {
        return ns;
    }

    public int mms() {
        return nm;
    }

    public KernelBaseline baseline() {
        return baseline;
    }

    int frame(int pfn) {
        return frameBase + pfn * F_STRIDE;
    }

    /** Base of a slot's fields, by swap offset (1..ns: offset 0 of a swap device is its header, never used). */
    int slot(int offset) {
        return slotBase + (offset - 1) * S_STRIDE;
    }

    int mm(int m) {
        return mmBase + m * mmStride;
    }

    int pteAt(int m, int address) {
        return mm(m) + M_HEADER + (address - vmaStart[m]);
    }

    int lastAt(int m, int address) {
        return mm(m) + M_HEADER + nv + (address - vmaStart[m]);
    }

    public int linearPageIndex(int m, int address) {
        return pgoff[m] + (address - vmaStart[m]);
    }

    public boolean inVma(int m, int address) {
        return address >= vmaStart[m] && address < vmaStart[m] + vmaPages[m];
    }

    // ---- read access for checks and traces ----

    public int pageFlags(int[] s, int pfn) {
        return s[frame(pfn) + F_FLAGS];
    }

    public int pageMapcount(int[] s, int pfn) {
        return s[frame(pfn) + F_MAPCOUNT];
    }

    public int pagePrivate(int[] s, int pfn) {
        return s[frame(pfn) + F_PRIVATE];
    }

    public int vmaStart(int m) {
        return vmaStart[m];
    }

    public int vmaPages(int m) {
        return vmaPages[m];
    }

    public int pte(int[] s, int m, int address) {
        return s[pteAt(m, address)];
    }

    // ---- helpers used by steps ----

    private static Violation bug(String msg) {
        return new Violation(CheckId.KERNEL_BUG, msg);
    }

    private void requireAllocated(int[] s, int pfn, String fn) {
        if (pfn < 0 || pfn >= nf || (s[frame(pfn) + F_FLAGS] & PG_ALLOC) == 0) {
            throw bug(fn + " on page" + pfn + ", which is free (use after free)");
        }
    }

    private void requireLockedBy(int[] s, int pfn, String fn) {
        if (s[frame(pfn) + F_LOCK] == 0) {
            throw bug(fn + " on page" + pfn + " without the page lock (VM_BUG_ON(!PageLocked))");
        }
    }

    private void requirePtl(int[] s, int m, int owner, String fn) {
        if (s[mm(m) + M_PTL] != owner) {
            throw bug(fn + " in mm " + mmNames[m] + " without its pte lock");
        }
    }

    /** Lowest free frame, or -1. Frame numbers carry no meaning, so a fixed choice loses no behaviour. */
    private int freeFrame(int[] s) {
        for (int p = 0; p < nf; p++) {
            if ((s[frame(p) + F_FLAGS] & PG_ALLOC) == 0) {
                return p;
            }
        }
        return -1;
    }

    /** Drop one page reference; free the frame at zero (free_hot_cold_page, with its bad_page checks). */
    void putPage(int[] s, int pfn) {
        int f = frame(pfn);
        int ref = s[f + F_REF] - 1;
        if (ref < 0) {
            throw bug("put_page: page" + pfn + " refcount underflow");
        }
        s[f + F_REF] = ref;
        if (ref == 0) {
            int flags = s[f + F_FLAGS];
            if (s[f + F_MAPCOUNT] != 0) {
                throw bug("freeing page" + pfn + " while it is still mapped (mapcount " + s[f + F_MAPCOUNT] + ")");
            }
            if ((flags & PG_SWAPCACHE) != 0) {
                throw bug("freeing page" + pfn + " while it is still in the swap cache");
            }
            if (s[f + F_LOCK] != 0) {
                throw bug("freeing page" + pfn + " while it is locked");
            }
            for (int i = 0; i < F_STRIDE; i++) {
                s[f + i] = 0;
            }
        }
    }

    /** swap_entry_free's tail: a slot with no count and no cache is free; its contents are forgotten. */
    private void maybeFreeSlot(int[] s, int i) {
        int sl = slot(i);
        if (s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0) {
            s[sl + S_DATA] = 0;
            s[sl + S_PAGE] = 0;
        }
    }

    private void swapCount(int[] s, int i, int delta, String fn) {
        if (i < 1 || i > ns) {
            throw bug(fn + ": bad swap entry " + i);
        }
        int sl = slot(i);
        int c = s[sl + S_COUNT] + delta;
        if (c < 0 || (delta < 0 && s[sl + S_COUNT] == 0)) {
            throw bug(fn + ": Unused swap offset entry " + i + " (swap_map underflow)");
        }
        if (delta > 0 && s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0) {
            throw bug(fn + ": swap_duplicate of unused slot " + i);
        }
        s[sl + S_COUNT] = c;
        if (c == 0 && delta < 0) {
            uncharge_swap(s, i);
        }
        maybeFreeSlot(s, i);
    }

    // ---- memcg (v2.6.35 mm/memcontrol.c, swap accounting as the knob says, per-cpu charge stock off) ----

    private void counter(int[] s, int g, int field, int delta, String fn) {
        int v = s[cg(g) + field] + delta;
        if (v < 0) {
            String[] names = {"res", "memsw", "swapout", "pending charges"};
            throw new Violation(CheckId.MEMCG_DRIFT, fn + " takes memcg " + memcgNames[g] + " " + names[field]
                    + " below zero (" + s[cg(g) + field] + " -> " + v + ")");
        }
        s[cg(g) + field] = v;
    }

    private void charge(int[] s, int g, int delta, String fn) {
        counter(s, g, C_RES, delta, fn);
        if (knobs.swapAccounting()) {
            counter(s, g, C_MEMSW, delta, fn);
        }
    }

    /** mem_cgroup_uncharge_swap: the slot's count reached 0; clear its record and give back its memsw. */
    private void uncharge_swap(int[] s, int i) {
        int rec = s[slot(i) + S_CGROUP];
        if (rec != 0) {
            s[slot(i) + S_CGROUP] = 0;
            counter(s, rec - 1, C_MEMSW, -1, "mem_cgroup_uncharge_swap(slot" + i + ")");
            counter(s, rec - 1, C_SWAPOUT, -1, "mem_cgroup_uncharge_swap(slot" + i + ")");
        }
    }

    /** mem_cgroup_uncharge_page after the last unmap: nothing for a swap cache page (it stays Used). */
    private void uncharge_page(int[] s, int pfn, String fn) {
        int f = frame(pfn);
        int g = s[f + F_MEMCG] - 1;
        if (g < 0 || (s[f + F_FLAGS] & PG_SWAPCACHE) != 0 || s[f + F_MAPCOUNT] > 0) {
            return;
        }
        s[f + F_MEMCG] = 0;
        charge(s, g, -1, fn);
    }

    /**
     * mem_cgroup_uncharge_swapcache (page has just left the swap cache of slot i): SWAPOUT while ptes still name the
     * slot (res only, and the memsw charge moves to the slot's swap_cgroup record), DROP otherwise; nothing for a
     * mapped or uncharged page.
     */
    private void uncharge_swapcache(int[] s, int pfn, int i) {
        int f = frame(pfn);
        int g = s[f + F_MEMCG] - 1;
        if (g < 0 || s[f + F_MAPCOUNT] > 0) {
            return;
        }
        s[f + F_MEMCG] = 0;
        String fn = "mem_cgroup_uncharge_swapcache(page" + pfn + ")";
        if (s[slot(i) + S_COUNT] != 0) {
            counter(s, g, C_RES, -1, fn);
            if (knobs.swapAccounting()) {
                s[slot(i) + S_CGROUP] = g + 1;
                counter(s, g, C_SWAPOUT, +1, fn);
            }
        } else {
            charge(s, g, -1, fn);
        }
    }

    /** mem_cgroup_try_charge_swapin: which memcg, then res (and memsw) +1; the charge is pending until commit. */
    private int tryChargeSwapin(int[] s, int m, int pfn) {
        if (!memcgOn()) {
            return NULL;
        }
        int f = frame(pfn);
        int g = memcgOf[m];
        if (knobs.swapAccounting() && (s[f + F_FLAGS] & PG_SWAPCACHE) != 0) {
            int rec = s[slot(s[f + F_PRIVATE]) + S_CGROUP];
            if (s[f + F_MEMCG] != 0) {
                g = s[f + F_MEMCG] - 1;
            } else if (rec != 0) {
                g = rec - 1;
            }
        }
        charge(s, g, +1, "mem_cgroup_try_charge_swapin");
        counter(s, g, C_PENDING, +1, "mem_cgroup_try_charge_swapin");
        return g;
    }

    /**
     * mem_cgroup_commit_charge_swapin: cancel if the page is already Used, else make it Used by the charged memcg;
     * then, for a swap cache page, clear its slot's record and give back that memsw. Releasing the memsw of a slot
     * other than the one being faulted, while ptes still name it, is drift (kernel-paths.md section 7).
     */
    private void commitChargeSwapin(int[] s, int pfn, int g, int entry) {
        if (g < 0) {
            return;
        }
        String fn = "mem_cgroup_commit_charge_swapin(page" + pfn + ")";
        counter(s, g, C_PENDING, -1, fn);
        int f = frame(pfn);
        if (s[f + F_MEMCG] != 0) {
            charge(s, g, -1, fn + " (already charged: cancel)");
        } else {
            s[f + F_MEMCG] = g + 1;
        }
        if (knobs.swapAccounting() && (s[f + F_FLAGS] & PG_SWAPCACHE) != 0) {
            int i = s[f + F_PRIVATE];
            int rec = s[slot(i) + S_CGROUP];
            if (rec != 0) {
                s[slot(i) + S_CGROUP] = 0;
                counter(s, rec - 1, C_MEMSW, -1, fn);
                counter(s, rec - 1, C_SWAPOUT, -1, fn);
                if (i != entry && s[slot(i) + S_COUNT] > 0) {
                    throw new Violation(CheckId.MEMCG_DRIFT, fn + " releases memcg " + memcgNames[rec - 1]
                            + " memsw for slot" + i + ", which " + s[slot(i) + S_COUNT] + " pte(s) still name, "
                            + "while the fault was for swap(" + entry + ")");
                }
            }
        }
    }

    /** __delete_from_swap_cache + swapcache_free + put_page (mm/swap_state.c delete_from_swap_cache). */
    private void deleteFromSwapCache(int[] s, int pfn, String fn) {
        deleteFromSwapCache(s, pfn, fn, true);
    }

    /** As delete_from_swap_cache; {@code put} false leaves the swap cache's reference for the caller to drop. */
    private void deleteFromSwapCache(int[] s, int pfn, String fn, boolean put) {
        requireAllocated(s, pfn, fn);
        int f = frame(pfn);
        requireLockedBy(s, pfn, fn);
        if ((s[f + F_FLAGS] & PG_SWAPCACHE) == 0) {
            throw bug(fn + ": page" + pfn + " is not in the swap cache (BUG_ON(!PageSwapCache))");
        }
        if ((s[f + F_FLAGS] & PG_WRITEBACK) != 0) {
            throw bug(fn + ": page" + pfn + " is under writeback (BUG_ON(PageWriteback))");
        }
        int i = s[f + F_PRIVATE];
        int sl = slot(i);
        if (s[sl + S_PAGE] != pfn + 1) {
            throw bug(fn + ": swap cache entry " + i + " does not hold page" + pfn + " (page_private disagrees)");
        }
        s[f + F_FLAGS] &= ~PG_SWAPCACHE;
        s[f + F_PRIVATE] = 0;
        s[sl + S_PAGE] = 0;
        s[sl + S_HAS_CACHE] = 0;
        // swapcache_free: swap_entry_free(SWAP_HAS_CACHE), then mem_cgroup_uncharge_swapcache
        if (s[sl + S_COUNT] == 0) {
            uncharge_swap(s, i);
        }
        uncharge_swapcache(s, pfn, i);
        maybeFreeSlot(s, i);
        if (put) {
            putPage(s, pfn);
        }
    }

    /** Whether any present pte maps the page writable. */
    private boolean mappedWritable(int[] s, int pfn) {
        int w = Pte.mkPte(new dev.swapbench.spi.Page(pfn)).value() | 1;
        for (int m = 0; m < nm; m++) {
            int base = mm(m) + M_HEADER;
            for (int a = 0; a < nv; a++) {
                if (s[base + a] == w) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A page only its holder can reach: one reference, not mapped, not on the LRU, not in the swap cache. */
    private boolean privateToHolder(int[] s, int pfn) {
        if (pfn < 0 || pfn >= nf) {
            return false;
        }
        int f = frame(pfn);
        int flags = s[f + F_FLAGS];
        return (flags & PG_ALLOC) != 0 && s[f + F_REF] == 1 && s[f + F_MAPCOUNT] == 0
                && (flags & (PG_LRU | PG_SWAPCACHE | PG_READ_IO | PG_WRITEBACK)) == 0;
    }

    private boolean lockedBy(int[] s, int pfn, int owner) {
        return pfn >= 0 && pfn < nf && s[frame(pfn) + F_LOCK] == owner;
    }

    private int anonVmaOf(int mapping) {
        return mapping >= MAPPING_ANON && mapping < MAPPING_KSM ? mapping - MAPPING_ANON : -1;
    }

    /** The address in mm m where the rmap walk looks for the page (vma_address), or -1 if outside the vma. */
    private int vmaAddress(int m, int index) {
        int a = vmaStart[m] + (index - pgoff[m]);
        return inVma(m, a) ? a : -1;
    }

    /** Whether the anon rmap walk from anon_vma av visits mm m (av is on m's anon_vma chain). */
    private boolean walkVisits(int av, int m) {
        return (chain[m] & (1 << av)) != 0;
    }

    // ---- enabledness, choices and folding ----

    /** Whether thread {@code owner} (its id + 1) can take this step now; a step that waits is not enabled. */
    public boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        switch (Op.of(op)) {
            case LOCK_PAGE:
                return s[frame(a0) + F_LOCK] == 0;
            case PTE_LOCK:
                return s[mm(a0) + M_PTL] == 0;
            case USER_ACCESS:
                // a thread of an mm that fork has not created yet (or that has exited) cannot run
                return s[mm(a0) + M_ALIVE] != 0;
            case MMAP_DOWN_READ:
                return s[mm(a0) + M_WRITER] == 0 && s[mm(a0) + M_ALIVE] != 0;
            case MMAP_DOWN_WRITE:
                return s[mm(a0) + M_WRITER] == 0 && s[mm(a0) + M_READERS] == 0 && s[mm(a0) + M_ALIVE] != 0;
            case SWAPCACHE_PREPARE: {
                // -EEXIST while the other adder has not inserted its page yet is a busy loop; wait instead.
                int sl = slot(a0);
                return !(s[sl + S_HAS_CACHE] != 0 && s[sl + S_PAGE] == 0);
            }
            case TRY_TO_UNMAP_ONE: {
                int code = nextRmapTarget(s, a0, a1);
                return code < 0 || s[mm(code / 1024) + M_PTL] == 0;
            }
            case FORK:
                return s[mm(a0) + M_PTL] == 0;
            case WAIT_ON_PAGE_WRITEBACK:
                return (s[frame(a0) + F_FLAGS] & PG_WRITEBACK) == 0;

            default:
                return true;
        }
    }

    /** How many outcomes a step has (the explorer branches on each). */
    public int choices(int[] s, int op, int a0) {
        switch (Op.of(op)) {
            case ISOLATE_LRU_PAGE:
                return Math.max(1, countCandidates(s, PG_LRU));
            case PICK_SWAPCACHE_PAGE:
                return Math.max(1, countCandidates(s, PG_SWAPCACHE));
            case KSM_MERGE:
                return Math.max(1, ksmCandidates(s, -1, null));
            case ADD_TO_SWAP: {
                if (knobs.slotAllocation() == Knobs.SlotAllocation.LOWEST_FIRST || s[G_SWAP_OFF] != 0) {
                    return 1;
                }
                int n = 0;
                for (int i = 1; i <= ns; i++) {
                    if (slotFree(s, i) || reclaimableCacheSlot(s, i)) {
                        n++;
                    }
                }
                return Math.max(n, 1);
            }
            default:
                return 1;
        }
    }

    /** Unlocked pages with the given flag: what reclaim or a try_to_free_swap caller can isolate and trylock. */
    private int countCandidates(int[] s, int flag) {
        int n = 0;
        for (int p = 0; p < nf; p++) {
            int f = frame(p);
            if ((s[f + F_FLAGS] & flag) != 0 && s[f + F_LOCK] == 0) {
                n++;
            }
        }
        return n;
    }

    /** The choice-th candidate of {@link #countCandidates}, now referenced and locked by owner; or -1. */
    private int takeCandidate(int[] s, int flag, int choice, int owner) {
        int n = 0;
        for (int p = 0; p < nf; p++) {
            int f = frame(p);
            if ((s[f + F_FLAGS] & flag) != 0 && s[f + F_LOCK] == 0 && n++ == choice) {
                s[f + F_REF]++;
                s[f + F_LOCK] = owner;
                return p;
            }
        }
        return NULL;
    }

    /**
     * A slot the allocator may take back when vm_swap_full: only its swap cache page holds it (count 0), and that
     * page's trylock and try_to_free_swap would succeed (unlocked, not under writeback).
     */
    private boolean reclaimableCacheSlot(int[] s, int i) {
        int sl = slot(i);
        int p = s[sl + S_PAGE] - 1;
        return knobs.vmSwapFull() && s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] != 0 && p >= 0
                && s[frame(p) + F_LOCK] == 0 && (s[frame(p) + F_FLAGS] & PG_WRITEBACK) == 0;
    }

    private boolean slotFree(int[] s, int i) {
        int sl = slot(i);
        return s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0;
    }

    /**
     * Whether a step can run together with the step before it, with no scheduling point between: it reads only
     * data that the thread's locks protect, or touches only a page no one else can reach, or nothing at all. Such a
     * step commutes with every step of every other thread and changes nothing a check reads, so merging it loses no
     * interleaving (the classic invisible, independent local step).
     */
    public boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        switch (Op.of(op)) {
            case PAGE_SWAPCACHE:
            case PAGE_PRIVATE:
            case PAGE_KSM:
            case PAGE_ANON:
            case PAGE_DIRTY:
                // written only under the page lock (add/delete_from_swap_cache, ksmd, pageout)
                return lockedBy(s, a0, owner);
            case PAGE_UPTODATE:
                // set by end_swap_bio_read while the read holds the lock
                return lockedBy(s, a0, owner);
            case KSM_MIGHT_NEED_TO_COPY:
                // reads mapping and index, which change only under the page lock
                return lockedBy(s, a0, owner) || !knobs.ksm();
            case VM_SWAP_FULL:
            case MEMCG_TRY_CHARGE_SWAPIN:
            case MEMCG_COMMIT_CHARGE_SWAPIN:
            case MEMCG_CANCEL_CHARGE_SWAPIN:
            case MEMCG_NEWPAGE_CHARGE:
            case MEMCG_UNCHARGE_PAGE:
                return !memcgOn();
            case SET_PAGE_UPTODATE:
            case SET_PAGE_SWAPBACKED:
            case SET_PAGE_LOCKED:
                return privateToHolder(s, a0);
            case SET_PAGE_DIRTY:
                return privateToHolder(s, a0) || lockedBy(s, a0, owner);
            case COPY_USER_HIGHPAGE:
                return privateToHolder(s, a0) && !mappedWritable(s, a1)
                        && (s[frame(a1) + F_FLAGS] & PG_READ_IO) == 0;
            case MMAP_DOWN_READ:
            case MMAP_UP_READ:
                return !mmapWriters[a0];
            default:
                return false;
        }
    }

    // ---- the steps ----

    /**
     * Performs one step for thread {@code owner} (thread id + 1) and returns its result.
     *
     * @throws Violation when a check fires inside the step (a BUG, a stale read)
     */
    public int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice) {
        switch (Op.of(op)) {
            case USER_ACCESS:
                return userAccess(s, a0, a1, a2 != 0);
            case MMAP_DOWN_READ:
                s[mm(a0) + M_READERS]++;
                return 0;
            case MMAP_UP_READ:
                s[mm(a0) + M_READERS]--;
                return 0;
            case MMAP_DOWN_WRITE:
                s[mm(a0) + M_WRITER] = 1;
                return 0;
            case MMAP_UP_WRITE:
                s[mm(a0) + M_WRITER] = 0;
                return 0;
            case LOOKUP_SWAP_CACHE:
            case FIND_GET_PAGE: {
                // find_get_page on swapper_space: page_cache_get_speculative, no lock, no pin on the slot
                int p = s[slot(a0) + S_PAGE] - 1;
                if (p >= 0) {
                    s[frame(p) + F_REF]++;
                }
                return p;
            }
            case ALLOC_PAGE_VMA: {
                int p = freeFrame(s);
                if (p >= 0) {
                    int f = frame(p);
                    s[f + F_FLAGS] = PG_ALLOC;
                    s[f + F_REF] = 1;
                }
                return p;
            }
            case SWAPCACHE_PREPARE: {
                // __swap_duplicate(entry, SWAP_HAS_CACHE)
                int sl = slot(a0);
                if (s[sl + S_COUNT] == 0) {
                    return ENOENT;
                }
                if (s[sl + S_HAS_CACHE] != 0) {
                    return EEXIST;
                }
                s[sl + S_HAS_CACHE] = 1;
                return 0;
            }
            case ADD_TO_SWAP_CACHE_AND_READ: {
                // __set_page_locked, SetPageSwapBacked, __add_to_swap_cache, lru_cache_add_anon, swap_readpage
                int f = frame(a0);
                s[f + F_FLAGS] |= PG_SWAPCACHE | PG_SWAPBACKED | PG_LRU | PG_READ_IO;
                s[f + F_LOCK] = LOCK_IO;
                s[f + F_PRIVATE] = a1;
                s[f + F_REF]++;
                s[slot(a1) + S_PAGE] = a0 + 1;
                return 0;
            }
            case IO_READ_DONE: {
                int f = frame(a0);
                s[f + F_DATA] = s[slot(s[f + F_PRIVATE]) + S_DATA];
                s[f + F_FLAGS] = (s[f + F_FLAGS] & ~PG_READ_IO) | PG_UPTODATE;
                s[f + F_LOCK] = 0;
                return 0;
            }
            case IO_WRITE_DONE:
                s[frame(a0) + F_FLAGS] &= ~PG_WRITEBACK;
                return 0;
            case LOCK_PAGE:
                requireAllocated(s, a0, "lock_page");
                s[frame(a0) + F_LOCK] = owner;
                return 0;
            case TRYLOCK_PAGE:
                requireAllocated(s, a0, "trylock_page");
                if (s[frame(a0) + F_LOCK] != 0) {
                    return 0;
                }
                s[frame(a0) + F_LOCK] = owner;
                return 1;
            case UNLOCK_PAGE:
                requireAllocated(s, a0, "unlock_page");
                if (s[frame(a0) + F_LOCK] == 0) {
                    throw bug("unlock_page: page" + a0 + " is not locked");
                }
                s[frame(a0) + F_LOCK] = 0;
                return 0;
            case GET_PAGE:
                requireAllocated(s, a0, "get_page");
                s[frame(a0) + F_REF]++;
                return 0;
            case PUT_PAGE:
                requireAllocated(s, a0, "put_page");
                putPage(s, a0);
                return 0;
            case PAGE_SWAPCACHE:
                return flag(s, a0, PG_SWAPCACHE);
            case PAGE_PRIVATE:
                requireAllocated(s, a0, "page_private");
                return s[frame(a0) + F_PRIVATE];
            case PAGE_UPTODATE:
                return flag(s, a0, PG_UPTODATE);
            case PAGE_WRITEBACK:
                return flag(s, a0, PG_WRITEBACK);
            case PAGE_DIRTY:
                return flag(s, a0, PG_DIRTY);
            case PAGE_KSM:
                requireAllocated(s, a0, "PageKsm");
                return s[frame(a0) + F_MAPPING] >= MAPPING_KSM ? 1 : 0;
            case PAGE_MAPCOUNT:
                requireAllocated(s, a0, "page_mapcount");
                return s[frame(a0) + F_MAPCOUNT];
            case PAGE_MAPPED:
                requireAllocated(s, a0, "page_mapped");
                return s[frame(a0) + F_MAPCOUNT] > 0 ? 1 : 0;
            case SET_PAGE_DIRTY:
                setFlag(s, a0, PG_DIRTY, "SetPageDirty");
                return 0;
            case SET_PAGE_UPTODATE:
                setFlag(s, a0, PG_UPTODATE, "__SetPageUptodate");
                return 0;
            case SET_PAGE_SWAPBACKED:
                setFlag(s, a0, PG_SWAPBACKED, "SetPageSwapBacked");
                return 0;
            case SET_PAGE_LOCKED:
                requireAllocated(s, a0, "__set_page_locked");
                s[frame(a0) + F_LOCK] = owner;
                return 0;
            case PAGE_SWAPCOUNT: {
                requireAllocated(s, a0, "page_swapcount");
                return s[slot(s[frame(a0) + F_PRIVATE]) + S_COUNT];
            }
            case SWAP_FREE:
                swapCount(s, a0, -1, "swap_free");
                return 0;
            case VM_SWAP_FULL:
                return knobs.vmSwapFull() ? 1 : 0;
            case DELETE_FROM_SWAP_CACHE:
                deleteFromSwapCache(s, a0, "delete_from_swap_cache");
                return 0;
            case PTE_LOCK:
                if (s[mm(a0) + M_ALIVE] == 0) {
                    throw bug("pte_offset_map_lock in mm " + mmNames[a0] + ", which has exited");
                }
                s[mm(a0) + M_PTL] = owner;
                return s[pteAt(a0, a1)];
            case PTE_UNLOCK:
                requirePtl(s, a0, owner, "pte_unmap_unlock");
                s[mm(a0) + M_PTL] = 0;
                return 0;
            case SET_PTE_AT:
                requirePtl(s, a0, owner, "set_pte_at");
                setPte(s, a0, a1, a2);
                return 0;
            case COPY_USER_HIGHPAGE:
                requireAllocated(s, a0, "copy_user_highpage");
                requireAllocated(s, a1, "copy_user_highpage");
                s[frame(a0) + F_DATA] = s[frame(a1) + F_DATA];
                return 0;
            case LRU_CACHE_ADD:
                setFlag(s, a0, PG_LRU, "lru_cache_add_lru");
                return 0;
            case PAGE_ADD_ANON_RMAP:
                pageAddAnonRmap(s, a0, a1, a2, a3);
                return 0;
            case PAGE_ADD_NEW_ANON_RMAP: {
                // page_add_new_anon_rmap: SetPageSwapBacked, _mapcount = 0, __page_set_anon_rmap(exclusive), LRU
                int f = frame(a0);
                s[f + F_FLAGS] |= PG_SWAPBACKED | PG_LRU;
                s[f + F_MAPCOUNT] = 1;
                s[f + F_MAPPING] = MAPPING_ANON + a1;
                s[f + F_INDEX] = linearPageIndex(a1, a2);
                return 0;
            }
            case PAGE_MOVE_ANON_RMAP: {
                // page_move_anon_rmap (v2.6.35 mm/rmap.c): VM_BUG_ONs, then mapping only
                requireLockedBy(s, a0, "page_move_anon_rmap");
                int f = frame(a0);
                if (knobs.debugVm() && s[f + F_INDEX] != linearPageIndex(a1, a2)) {
                    throw new Violation(CheckId.ANON_RMAP, "page_move_anon_rmap: VM_BUG_ON(page->index "
                            + s[f + F_INDEX] + " != linear_page_index " + linearPageIndex(a1, a2) + ") for page" + a0
                            + " in mm " + mmNames[a1]);
                }
                s[f + F_MAPPING] = MAPPING_ANON + a1;
                return 0;
            }
            case PAGE_FORCE_ANON_RMAP: {
                requireLockedBy(s, a0, "forcing page->mapping");
                int f = frame(a0);
                s[f + F_MAPPING] = MAPPING_ANON + a1;
                s[f + F_INDEX] = linearPageIndex(a1, a2);
                return 0;
            }
            case PAGE_REMOVE_RMAP: {
                int f = frame(a0);
                if (s[f + F_MAPCOUNT] <= 0) {
                    throw bug("page_remove_rmap: page" + a0 + " mapcount underflow");
                }
                s[f + F_MAPCOUNT]--;
                // page->mapping is deliberately left as it is (mm/rmap.c page_remove_rmap)
                uncharge_page(s, a0, "page_remove_rmap(page" + a0 + ")");
                return 0;
            }
            case KSM_MIGHT_NEED_TO_COPY:
                return ksmMightNeedToCopy(s, a0, a1, a2) ? 1 : 0;
            case MEMCG_TRY_CHARGE_SWAPIN:
                return tryChargeSwapin(s, a0, a1);
            case MEMCG_COMMIT_CHARGE_SWAPIN:
                commitChargeSwapin(s, a0, a1, a2);
                return 0;
            case MEMCG_CANCEL_CHARGE_SWAPIN:
                if (a0 >= 0) {
                    counter(s, a0, C_PENDING, -1, "mem_cgroup_cancel_charge_swapin");
                    charge(s, a0, -1, "mem_cgroup_cancel_charge_swapin");
                }
                return 0;
            case MEMCG_NEWPAGE_CHARGE:
                // mem_cgroup_newpage_charge: charge and commit to the faulting mm's memcg at once
                if (memcgOn()) {
                    charge(s, memcgOf[a1], +1, "mem_cgroup_newpage_charge");
                    s[frame(a0) + F_MEMCG] = memcgOf[a1] + 1;
                }
                return 0;
            case MEMCG_UNCHARGE_PAGE:
                uncharge_page(s, a0, "mem_cgroup_uncharge_page(page" + a0 + ")");
                return 0;
            case ZAP_PTE:
                return zapPte(s, owner, a0, a1);
            case FREE_SWAP_AND_CACHE:
                return freeSwapAndCache(s, owner, a0);
            case FORK:
                fork(s, a0, a1);
                return 0;
            case MM_EXIT:
                s[mm(a0) + M_ALIVE] = 0;
                return 0;
            case ISOLATE_LRU_PAGE: {
                // isolate_lru_page + trylock_page: a page whose trylock would fail is put back untouched, so only
                // unlocked pages are offered and the failed attempt (a no-op) is not modelled
                int p = takeCandidate(s, PG_LRU, choice, owner);
                if (p >= 0) {
                    s[frame(p) + F_FLAGS] &= ~PG_LRU;
                }
                return p;
            }
            case ADD_TO_SWAP:
                return addToSwap(s, a0, choice);
            case TRY_TO_UNMAP_ONE:
                return tryToUnmapOne(s, a0, a1);
            case PAGEOUT:
                return pageout(s, a0);
            case REMOVE_MAPPING:
                return removeMapping(s, a0);
            case PUTBACK_LRU_PAGE:
                s[frame(a0) + F_FLAGS] |= PG_LRU;
                putPage(s, a0);
                return 0;
            case PICK_SWAPCACHE_PAGE:
                // a reference-holding caller's trylock_page; a failed trylock does nothing, as above
                return takeCandidate(s, PG_SWAPCACHE, choice, owner);
            case SWAPOFF_BEGIN:
                s[G_SWAP_OFF] = 1;
                return 0;
            case SWAPOFF_NEXT_SLOT:
                for (int i = a0; i <= ns; i++) {
                    if (s[slot(i) + S_COUNT] > 0) {
                        return i;
                    }
                }
                return NULL;
            case UNUSE_FIND_PTE:
                return unuseFindPte(s, a0, a1, a2);
            case SWAPOFF_END:
                s[G_SWAP_OFF] = 0;
                return 0;
            case WAIT_ON_PAGE_WRITEBACK:
                return 0;
            case SLOT_COUNT:
                return s[slot(a0) + S_COUNT];
            case PAGE_ANON:
                requireAllocated(s, a0, "PageAnon");
                return s[frame(a0) + F_MAPPING] != 0 ? 1 : 0;
            case SWAP_WRITEPAGE_SYNC: {
                // try_to_unuse: a slot still referenced keeps the page's data before the page leaves the cache
                requireLockedBy(s, a0, "swap_writepage");
                int f = frame(a0);
                s[slot(s[f + F_PRIVATE]) + S_DATA] = s[f + F_DATA];
                s[f + F_FLAGS] &= ~PG_DIRTY;
                return 0;
            }
            case KSM_MERGE:
                return ksmMerge(s, choice);

            default:
                throw new IllegalStateException("unknown step " + op);
        }
    }

    private int flag(int[] s, int pfn, int bit) {
        requireAllocated(s, pfn, "page flag test");
        return (s[frame(pfn) + F_FLAGS] & bit) != 0 ? 1 : 0;
    }

    private void setFlag(int[] s, int pfn, int bit, String fn) {
        requireAllocated(s, pfn, fn);
        s[frame(pfn) + F_FLAGS] |= bit;
    }

    private void setPte(int[] s, int m, int address, int value) {
        s[pteAt(m, address)] = value;
    }

    /**
     * The user's load or store. With a usable pte it happens (a store writes a new data version); otherwise the
     * result is the pte value that handle_pte_fault then acts on. A read of pte_none reads the zero page.
     */
    private int userAccess(int[] s, int m, int address, boolean write) {
        int pte = s[pteAt(m, address)];
        Pte p = new Pte(pte);
        if (p.isNone() && !write) {
            if (s[lastAt(m, address)] != 0) {
                throw new Violation(CheckId.STALE_MAPPING, "mm " + mmNames[m] + " address " + address
                        + " reads the zero page, but " + s[lastAt(m, address)] + " was written there last");
            }
            return DONE;
        }
        if (!p.isPresent() || (write && !p.isWritable())) {
            return pte;
        }
        int pfn = p.pfn();
        int f = frame(pfn);
        if (write) {
            int v = ++s[G_GEN];
            s[f + F_DATA] = v;
            s[lastAt(m, address)] = v;
        } else if (s[f + F_DATA] != s[lastAt(m, address)]) {
            throw new Violation(CheckId.STALE_MAPPING, "mm " + mmNames[m] + " address " + address + " reads "
                    + s[f + F_DATA] + " from page" + pfn + ", but " + s[lastAt(m, address)]
                    + " was written there last");
        }
        return DONE;
    }

    /** page_add_anon_rmap / do_page_add_anon_rmap with __page_set_anon_rmap and __page_check_anon_rmap. */
    private void pageAddAnonRmap(int[] s, int pfn, int m, int address, int exclusive) {
        requireAllocated(s, pfn, "page_add_anon_rmap");
        int f = frame(pfn);
        boolean first = s[f + F_MAPCOUNT] == 0;
        s[f + F_MAPCOUNT]++;
        if (s[f + F_MAPPING] >= MAPPING_KSM) {
            return; // KSM pages are never re-pointed
        }
        requireLockedBy(s, pfn, "page_add_anon_rmap");
        int linear = linearPageIndex(m, address);
        if (first) {
            if (baseline == KernelBaseline.V2_6_35) {
                // v2.6.35: always overwrite; non-exclusive uses the oldest anon_vma of the chain (the root)
                s[f + F_MAPPING] = MAPPING_ANON + (exclusive != 0 ? m : root[m]);
                s[f + F_INDEX] = linear;
            } else if (s[f + F_MAPPING] == 0) {
                // v2.6.36 (288468c334e9): keep an existing anon mapping; otherwise root, or own when exclusive
                s[f + F_MAPPING] = MAPPING_ANON + (exclusive != 0 ? m : root[m]);
                s[f + F_INDEX] = linear;
            }
            return;
        }
        if (!knobs.debugVm()) {
            return;
        }
        int av = anonVmaOf(s[f + F_MAPPING]);
        if (baseline == KernelBaseline.V2_6_36 && av >= 0 && root[av] != root[m]) {
            throw new Violation(CheckId.ANON_RMAP, "__page_check_anon_rmap: BUG_ON(page_anon_vma(page)->root != "
                    + "vma->anon_vma->root) for page" + pfn + " mapped into mm " + mmNames[m] + " (page->mapping is "
                    + "mm " + mmNames[av] + "'s anon_vma)");
        }
        if (s[f + F_INDEX] != linear) {
            throw new Violation(CheckId.ANON_RMAP, "__page_check_anon_rmap: BUG_ON(page->index " + s[f + F_INDEX]
                    + " != linear_page_index " + linear + ") for page" + pfn + " mapped into mm " + mmNames[m]);
        }
    }

    /** The test of ksm_might_need_to_copy in this baseline (include/linux/ksm.h). */
    private boolean ksmMightNeedToCopy(int[] s, int pfn, int m, int address) {
        if (!knobs.ksm()) {
            return false;
        }
        requireAllocated(s, pfn, "ksm_might_need_to_copy");
        int av = anonVmaOf(s[frame(pfn) + F_MAPPING]);
        if (av < 0) {
            return false; // no anon_vma: never mapped, or a KSM page
        }
        boolean other = baseline == KernelBaseline.V2_6_35 ? av != m : root[av] != root[m];
        return other || s[frame(pfn) + F_INDEX] != linearPageIndex(m, address);
    }

    /**
     * zap_pte_range for one pte (ptl held): clears it and forgets what was written there (MADV_DONTNEED leaves
     * zeroes). A present pte's page gets page_remove_rmap here; its reference is dropped by the caller (tlb).
     * Returns the old pte value.
     */
    private int zapPte(int[] s, int owner, int m, int address) {
        requirePtl(s, m, owner, "zap_pte_range");
        int old = s[pteAt(m, address)];
        s[pteAt(m, address)] = 0;
        s[lastAt(m, address)] = 0;
        Pte p = new Pte(old);
        if (p.isPresent()) {
            int f = frame(p.pfn());
            if (s[f + F_MAPCOUNT] <= 0) {
                throw bug("page_remove_rmap: page" + p.pfn() + " mapcount underflow");
            }
            s[f + F_MAPCOUNT]--;
            uncharge_page(s, p.pfn(), "zap_pte_range: page_remove_rmap(page" + p.pfn() + ")");
        }
        return old;
    }

    /**
     * free_swap_and_cache, the part under swap_lock: swap_entry_free, and if only the cache is left,
     * find_get_page + trylock_page. Returns the page, locked and referenced, or -1.
     */
    private int freeSwapAndCache(int[] s, int owner, int i) {
        int sl = slot(i);
        int page = s[sl + S_PAGE] - 1;
        swapCount(s, i, -1, "free_swap_and_cache");
        if (s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] != 0 && page >= 0) {
            int f = frame(page);
            s[f + F_REF]++;
            if (s[f + F_LOCK] == 0) {
                s[f + F_LOCK] = owner;
                return page;
            }
            putPage(s, page);
        }
        return NULL;
    }

    /** fork: copy_page_range under both mms' pte locks (mmap_sem held for write by the caller). */
    private void fork(int[] s, int parent, int child) {
        int pb = mm(parent), cb = mm(child);
        for (int a = 0; a < nv; a++) {
            int v = s[pb + M_HEADER + a];
            Pte p = new Pte(v);
            if (p.isSwap()) {
                swapCount(s, p.toSwapEntry().val(), +1, "copy_one_pte: swap_duplicate");
            } else if (p.isPresent()) {
                int f = frame(p.pfn());
                s[f + F_REF]++;
                s[f + F_MAPCOUNT]++;
                v &= ~1; // COW: both write-protected
                s[pb + M_HEADER + a] = v;
            }
            s[cb + M_HEADER + a] = v;
            s[cb + M_HEADER + nv + a] = s[pb + M_HEADER + nv + a];
        }
        s[cb + M_ALIVE] = 1;
    }

    /** add_to_swap: get_swap_page (the chosen free slot) + add_to_swap_cache + SetPageDirty. Returns the slot. */
    private int addToSwap(int[] s, int pfn, int choice) {
        requireLockedBy(s, pfn, "add_to_swap");
        if (s[G_SWAP_OFF] != 0) {
            return NULL;
        }
        int n = 0;
        for (int i = 1; i <= ns; i++) {
            boolean reclaim = reclaimableCacheSlot(s, i);
            if ((slotFree(s, i) || reclaim) && n++ == choice) {
                if (reclaim) {
                    // scan_swap_map with vm_swap_full: __try_to_reclaim_swap (trylock, try_to_free_swap, unlock)
                    int cached = s[slot(i) + S_PAGE] - 1;
                    s[frame(cached) + F_LOCK] = LOCK_IO;
                    deleteFromSwapCache(s, cached, "__try_to_reclaim_swap", false);
                    s[frame(cached) + F_FLAGS] |= PG_DIRTY;
                    s[frame(cached) + F_LOCK] = 0;
                    putPage(s, cached);
                }
                int sl = slot(i);
                int f = frame(pfn);
                s[sl + S_HAS_CACHE] = 1;
                s[sl + S_PAGE] = pfn + 1;
                s[f + F_FLAGS] |= PG_SWAPCACHE | PG_DIRTY;
                s[f + F_PRIVATE] = i;
                s[f + F_REF]++;
                return i;
            }
        }
        return NULL;
    }

    /**
     * The next pte at or after {@code from} (encoded mm * 1024 + offset in the vma) that the rmap walk from the page
     * reaches and that maps the page, or -1. An anon page is walked through its anon_vma and index
     * (try_to_unmap_anon: every mm whose anon_vma chain holds page->mapping, at vma_address); a KSM page through
     * its stable node, which lists every pte ksmd or a fault made map it (try_to_unmap_ksm).
     */
    int nextRmapTarget(int[] s, int pfn, int from) {
        int mapping = s[frame(pfn) + F_MAPPING];
        int want = Pte.mkPte(new dev.swapbench.spi.Page(pfn)).value();
        boolean ksm = mapping >= MAPPING_KSM;
        int av = anonVmaOf(mapping);
        if (!ksm && av < 0) {
            return NULL;
        }
        for (int m = from / 1024; m < nm; m++) {
            if (s[mm(m) + M_ALIVE] == 0 || (!ksm && !walkVisits(av, m))) {
                continue;
            }
            if (ksm) {
                for (int a = m == from / 1024 ? from % 1024 : 0; a < vmaPages[m]; a++) {
                    if ((s[mm(m) + M_HEADER + a] & ~1) == want) {
                        return m * 1024 + a;
                    }
                }
                continue;
            }
            int address = vmaAddress(m, s[frame(pfn) + F_INDEX]);
            int code = address < 0 ? -1 : m * 1024 + address - vmaStart[m];
            if (code >= from && (s[pteAt(m, address)] & ~1) == want) {
                return code;
            }
        }
        return NULL;
    }

    /**
     * try_to_unmap_one for the next pte the rmap walk finds (page locked, that mm's ptl taken and dropped): the pte
     * becomes the swap entry, swap_duplicate, page_remove_rmap, put_page. Returns the pte's code, or -1 when none
     * is left.
     */
    private int tryToUnmapOne(int[] s, int pfn, int from) {
        requireLockedBy(s, pfn, "try_to_unmap");
        int code = nextRmapTarget(s, pfn, from);
        if (code < 0) {
            return NULL;
        }
        int m = code / 1024;
        int a = vmaStart[m] + code % 1024;
        int f = frame(pfn);
        if ((s[f + F_FLAGS] & PG_SWAPCACHE) == 0) {
            throw bug("try_to_unmap_one: anon page" + pfn + " is not in the swap cache");
        }
        if ((s[pteAt(m, a)] & 1) != 0) {
            s[f + F_FLAGS] |= PG_DIRTY; // pte dirty moved to the page
        }
        int entry = s[f + F_PRIVATE];
        swapCount(s, entry, +1, "try_to_unmap_one: swap_duplicate");
        s[pteAt(m, a)] = Pte.swap(new dev.swapbench.spi.SwapEntry(entry)).value();
        s[f + F_MAPCOUNT]--;
        putPage(s, pfn);
        return code;
    }

    /**
     * pageout for a dirty swap cache page (locked, isolated): PAGE_KEEP unless is_page_cache_freeable (refcount 2:
     * isolation + swap cache); otherwise clear_page_dirty_for_io, swap_writepage (the data goes to the slot, the
     * page is under writeback and unlocked). Returns 1 for PAGE_SUCCESS.
     */
    private int pageout(int[] s, int pfn) {
        requireLockedBy(s, pfn, "pageout");
        int f = frame(pfn);
        if (s[f + F_REF] != 2) {
            return 0;
        }
        s[f + F_FLAGS] = (s[f + F_FLAGS] & ~PG_DIRTY) | PG_WRITEBACK;
        s[slot(s[f + F_PRIVATE]) + S_DATA] = s[f + F_DATA];
        s[f + F_LOCK] = 0;
        return 1;
    }

    /**
     * __remove_mapping for a swap cache page (locked): page_freeze_refs(page, 2) must succeed and the page be clean;
     * then __delete_from_swap_cache, swapcache_free, unlock and free. Returns 1 when the page was freed.
     */
    private int removeMapping(int[] s, int pfn) {
        requireLockedBy(s, pfn, "__remove_mapping");
        int f = frame(pfn);
        int flags = s[f + F_FLAGS];
        if (s[f + F_REF] != 2 || (flags & (PG_DIRTY | PG_WRITEBACK)) != 0 || (flags & PG_SWAPCACHE) == 0) {
            return 0;
        }
        deleteFromSwapCache(s, pfn, "__remove_mapping");
        s[f + F_LOCK] = 0;
        putPage(s, pfn);
        return 1;
    }

    /**
     * unuse_vma / unuse_pte_range's scan for the entry: the next (mm, address) at or after {@code from} (encoded
     * mm * 1024 + address offset) whose pte holds swap(slot), read without the pte lock; -1 when none. For a page
     * with an anon_vma, unuse_vma looks only at page_address_in_vma: the address from page->index, and in
     * v2.6.36 (21d0d443cdc1) only in an mm whose anon_vma root is the page's; other ptes are left for a later
     * pass of try_to_unuse, with a page read afresh.
     */
    private int unuseFindPte(int[] s, int slot, int from, int pfn) {
        int want = Pte.swap(new dev.swapbench.spi.SwapEntry(slot)).value();
        int av = anonVmaOf(s[frame(pfn) + F_MAPPING]);
        for (int code = from; code < nm * 1024; code++) {
            int m = code / 1024, a = code % 1024;
            if (a >= vmaPages[m]) {
                code = (m + 1) * 1024 - 1;
                continue;
            }
            if (s[mm(m) + M_ALIVE] == 0 || s[mm(m) + M_HEADER + a] != want) {
                continue;
            }
            if (av >= 0 && (vmaAddress(m, s[frame(pfn) + F_INDEX]) != vmaStart[m] + a
                    || (baseline == KernelBaseline.V2_6_36 && root[av] != root[m]))) {
                continue;
            }
            return code;
        }
        return NULL;
    }

    /** Address of an unuse scan code. */
    public int unuseAddress(int code) {
        return vmaStart[code / 1024] + code % 1024;
    }

    // ---- invariants checked at every state ----

    /**
     * stale-mapping: every present pte maps the data last written at its address, and a writable pte is the page's
     * only mapping. Returns a message, or null.
     */
    public String staleMapping(int[] s) {
        for (int m = 0; m < nm; m++) {
            int mb = mm(m);
            if (s[mb + M_ALIVE] == 0) {
                continue;
            }
            for (int a = 0; a < vmaPages[m]; a++) {
                int v = s[mb + M_HEADER + a];
                if (v < (1 << 16)) {
                    continue;
                }
                int pfn = (v - (1 << 16)) >> 1;
                int f = frame(pfn);
                int address = vmaStart[m] + a;
                if ((s[f + F_FLAGS] & PG_READ_IO) == 0 && s[f + F_DATA] != s[mb + M_HEADER + nv + a]) {
                    return "mm " + mmNames[m] + " address " + address + " maps page" + pfn + " holding "
                            + s[f + F_DATA] + ", but " + s[mb + M_HEADER + nv + a] + " was written there last";
                }
                if ((v & 1) != 0 && s[f + F_MAPCOUNT] > 1) {
                    return "mm " + mmNames[m] + " address " + address + " maps page" + pfn
                            + " writable while it has " + s[f + F_MAPCOUNT] + " mappings (a private anon page shared)";
                }
            }
        }
        return null;
    }

    /**
     * kernel-bug at quiescence (no thread inside an episode, no I/O in flight): every reference and count must be
     * accounted for. Each slot's swap_map count equals the swap ptes naming it, SWAP_HAS_CACHE equals a swap cache
     * page, and each page's refcount equals its mapcount plus one for the swap cache, its mapcount the present ptes
     * mapping it. A leak here is a page or slot that can never be freed. Returns a message, or null.
     */
    public String quiescentLeak(int[] s) {
        int[] swapPtes = new int[ns + 1];
        int[] maps = new int[nf];
        for (int m = 0; m < nm; m++) {
            int mb = mm(m);
            if (s[mb + M_ALIVE] == 0) {
                continue;
            }
            for (int a = 0; a < vmaPages[m]; a++) {
                Pte p = new Pte(s[mb + M_HEADER + a]);
                if (p.isSwap()) {
                    swapPtes[p.toSwapEntry().val()]++;
                } else if (p.isPresent()) {
                    maps[p.pfn()]++;
                }
            }
        }
        for (int i = 1; i <= ns; i++) {
            int sl = slot(i);
            if (s[sl + S_COUNT] != swapPtes[i]) {
                return "slot" + i + " has swap count " + s[sl + S_COUNT] + " but " + swapPtes[i]
                        + " swap ptes name it (swap_map " + (s[sl + S_COUNT] > swapPtes[i] ? "leak" : "underflow ahead")
                        + ")";
            }
            if ((s[sl + S_HAS_CACHE] != 0) != (s[sl + S_PAGE] != 0)) {
                return "slot" + i + " has SWAP_HAS_CACHE " + s[sl + S_HAS_CACHE] + " but swap cache page "
                        + (s[sl + S_PAGE] - 1);
            }
        }
        for (int p = 0; p < nf; p++) {
            int f = frame(p);
            int flags = s[f + F_FLAGS];
            if ((flags & PG_ALLOC) == 0) {
                continue;
            }
            if (s[f + F_LOCK] != 0) {
                return "page" + p + " is left locked with no thread inside the kernel";
            }
            if (s[f + F_MAPCOUNT] != maps[p]) {
                return "page" + p + " has mapcount " + s[f + F_MAPCOUNT] + " but " + maps[p] + " ptes map it";
            }
            int want = maps[p] + ((flags & PG_SWAPCACHE) != 0 ? 1 : 0);
            if (s[f + F_REF] != want) {
                return "page" + p + " has refcount " + s[f + F_REF] + " but " + want
                        + " references are accounted for (mapcount + swap cache): "
                        + (s[f + F_REF] > want ? "a reference leaked" : "a reference is missing");
            }
        }
        return null;
    }

    /** Whether a read or write I/O is in flight on some page. */
    public boolean ioInFlight(int[] s) {
        for (int p = 0; p < nf; p++) {
            if ((s[frame(p) + F_FLAGS] & (PG_READ_IO | PG_WRITEBACK)) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * memcg-drift at quiescence: each memcg's counters against the truth recomputed from page_cgroup and
     * swap_cgroup (kernel-paths.md section 7): res = pages Used by it, memsw = res + slots recorded to it (with
     * swap accounting), swapout = slots recorded to it, no charge left pending, and no record on a slot that no
     * pte names. Returns a message naming the memcg, the counter, the expected and the actual value; or null.
     */
    public String memcgDrift(int[] s) {
        int ng = memcgNames.length;
        if (ng == 0) {
            return null;
        }
        int[] used = new int[ng];
        int[] recorded = new int[ng];
        for (int p = 0; p < nf; p++) {
            int g = s[frame(p) + F_MEMCG] - 1;
            if (g >= 0 && (s[frame(p) + F_FLAGS] & PG_ALLOC) != 0) {
                used[g]++;
            }
        }
        for (int i = 1; i <= ns; i++) {
            int g = s[slot(i) + S_CGROUP] - 1;
            if (g >= 0) {
                recorded[g]++;
                if (s[slot(i) + S_COUNT] == 0) {
                    return "slot" + i + " keeps a swap_cgroup record for memcg " + memcgNames[g]
                            + " but no pte names it (its memsw is never given back)";
                }
            }
        }
        for (int g = 0; g < ng; g++) {
            int c = cg(g);
            String name = "memcg " + memcgNames[g];
            if (s[c + C_PENDING] != 0) {
                return name + ": " + s[c + C_PENDING] + " try_charge(s) neither committed nor cancelled";
            }
            if (s[c + C_RES] != used[g]) {
                return name + " res is " + s[c + C_RES] + " but " + used[g] + " page(s) are charged to it";
            }
            int memsw = knobs.swapAccounting() ? used[g] + recorded[g] : 0;
            if (s[c + C_MEMSW] != memsw) {
                return name + " memsw is " + s[c + C_MEMSW] + " but should be " + memsw + " (" + used[g]
                        + " page(s) + " + recorded[g] + " recorded slot(s))";
            }
            if (s[c + C_SWAPOUT] != recorded[g]) {
                return name + " swapout is " + s[c + C_SWAPOUT] + " but " + recorded[g] + " slot(s) are recorded to it";
            }
        }
        return null;
    }

    /**
     * anon-rmap, rmap-unfindable: a present anon pte that the rmap walk from its page cannot reach (page->mapping's
     * anon_vma does not cover the mm, or page->index does not lead to the address). Checked where a walker could
     * look: not while the pte's mm has its pte lock taken (the mapping thread is still setting things up).
     */
    public String rmapUnfindable(int[] s) {
        for (int m = 0; m < nm; m++) {
            int mb = mm(m);
            if (s[mb + M_ALIVE] == 0 || s[mb + M_PTL] != 0) {
                continue;
            }
            for (int a = 0; a < vmaPages[m]; a++) {
                int v = s[mb + M_HEADER + a];
                if (v < (1 << 16)) {
                    continue;
                }
                int pfn = (v - (1 << 16)) >> 1;
                int mapping = s[frame(pfn) + F_MAPPING];
                if (mapping >= MAPPING_KSM) {
                    continue; // the stable node lists every pte mapping a KSM page
                }
                int av = anonVmaOf(mapping);
                int index = s[frame(pfn) + F_INDEX];
                int address = vmaStart[m] + a;
                if (av < 0 || !walkVisits(av, m) || vmaAddress(m, index) != address) {
                    return "rmap-unfindable: mm " + mmNames[m] + " address " + address + " maps page" + pfn
                            + ", but page->mapping is " + StateDiff.mapping(this, mapping) + " and page->index " + index
                            + (av < 0 ? "" : !walkVisits(av, m) ? ": that anon_vma does not cover mm " + mmNames[m]
                            : ": the walk looks at address " + vmaAddress(m, index)) + " (try_to_unmap cannot find it)";
                }
            }
        }
        return null;
    }

    // ---- KSM (v2.6.35 mm/ksm.c) ----

    /**
     * Pairs ksmd could merge: a page p1 (anon or already KSM) and a different anon page p2, mapped by different mms,
     * with equal data, both unlocked and held only by their ptes and the swap cache (write_protect_page's
     * page_count check), their mms' pte locks free. With {@code choice >= 0}, stores that pair's
     * {p1, m1, a1, p2, m2, a2} in {@code out}; returns the number of pairs.
     */
    private int ksmCandidates(int[] s, int choice, int[] out) {
        int n = 0;
        for (int m1 = 0; m1 < nm; m1++) {
            for (int a1 = 0; a1 < vmaPages[m1]; a1++) {
                Pte p = new Pte(s[mm(m1) + M_HEADER + a1]);
                if (!p.isPresent() || !mergeable(s, p.pfn(), m1, true)) {
                    continue;
                }
                for (int m2 = 0; m2 < nm; m2++) {
                    if (m2 == m1) {
                        continue;
                    }
                    for (int a2 = 0; a2 < vmaPages[m2]; a2++) {
                        Pte q = new Pte(s[mm(m2) + M_HEADER + a2]);
                        if (!q.isPresent() || q.pfn() == p.pfn() || !mergeable(s, q.pfn(), m2, false)
                                || s[frame(q.pfn()) + F_DATA] != s[frame(p.pfn()) + F_DATA]) {
                            continue;
                        }
                        if (n++ == choice) {
                            out[0] = p.pfn();
                            out[1] = m1;
                            out[2] = vmaStart[m1] + a1;
                            out[3] = q.pfn();
                            out[4] = m2;
                            out[5] = vmaStart[m2] + a2;
                        }
                    }
                }
            }
        }
        return n;
    }

    private boolean mergeable(int[] s, int pfn, int m, boolean mayBeKsm) {
        int f = frame(pfn);
        boolean ksm = s[f + F_MAPPING] >= MAPPING_KSM;
        int expected = s[f + F_MAPCOUNT] + ((s[f + F_FLAGS] & PG_SWAPCACHE) != 0 ? 1 : 0);
        return s[mm(m) + M_ALIVE] != 0 && s[mm(m) + M_PTL] == 0 && s[f + F_LOCK] == 0
                && (s[f + F_FLAGS] & (PG_READ_IO | PG_WRITEBACK)) == 0 && s[f + F_REF] == expected
                && (mayBeKsm ? (ksm || s[f + F_MAPCOUNT] == 1) : (!ksm && s[f + F_MAPCOUNT] == 1));
    }

    /**
     * ksmd merges a pair (one step here; the kernel takes p1's page lock and each pte lock in turn): p1 becomes the
     * KSM page (set_page_stable_node, its pte write-protected), and replace_page points p2's pte at it read-only,
     * page_add_anon_rmap (just mapcount for a KSM page), page_remove_rmap and put_page on p2.
     */
    private int ksmMerge(int[] s, int choice) {
        int[] c = new int[6];
        if (ksmCandidates(s, choice, c) <= choice) {
            return NULL;
        }
        int p1 = c[0], p2 = c[3];
        int f1 = frame(p1);
        if (s[f1 + F_MAPPING] < MAPPING_KSM) {
            s[f1 + F_MAPPING] = MAPPING_KSM + p1;
            s[f1 + F_INDEX] = 0;
        }
        s[pteAt(c[1], c[2])] &= ~1;
        s[pteAt(c[4], c[5])] = Pte.mkPte(new dev.swapbench.spi.Page(p1)).value();
        s[f1 + F_MAPCOUNT]++;
        s[f1 + F_REF]++;
        s[frame(p2) + F_MAPCOUNT]--;
        uncharge_page(s, p2, "replace_page: page_remove_rmap(page" + p2 + ")");
        putPage(s, p2);
        return p1;
    }
}
