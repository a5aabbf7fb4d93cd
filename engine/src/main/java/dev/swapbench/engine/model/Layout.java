package dev.swapbench.engine.model;

import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.KernelBaseline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Layout} is one scenario's machine state as a flat {@code int[]}: where each kernel structure lives and the
 * named accessors that read and write its fields. It is the only class that knows the offsets.
 *
 * <p>The array holds, in order:
 * <ul>
 *   <li>globals: the last data version handed out (every store writes a new one) and whether swapoff has the
 *       device disabled;</li>
 *   <li>per memory cgroup (struct mem_cgroup): res, memsw and MEM_CGROUP_STAT_SWAPOUT in pages, and the
 *       try_charges not yet committed or cancelled;</li>
 *   <li>per page frame (struct page): flags ({@link PageFlags}), _count, _mapcount (as a count, not minus one),
 *       private (the swap entry of a swap cache page), mapping (an anon_vma or a KSM stable node), index, the data
 *       the page holds, the lock owner (thread id + 1, or {@link #LOCK_IO} for a read in flight) and the
 *       page_cgroup (memcg + 1 when Used);</li>
 *   <li>per swap slot, by offset 1..n (swap_info_struct and the swap cache): the swap_map count, SWAP_HAS_CACHE,
 *       the swapper_space radix entry (pfn + 1), what the disk holds and the swap_cgroup record (memcg + 1);</li>
 *   <li>per mm (mm_struct with one anon vma): alive, the pte lock owner, mmap_sem readers and writer, the ptes of
 *       the vma, then the last value written at each address (what a read must see).</li>
 * </ul>
 * Free frames and free slots are all zeros, so equal machines have equal arrays. A scenario of F frames, S slots,
 * M mms of at most V pages and G memcgs takes {@code 2 + 4G + 9F + 5S + M(4 + 2V)} ints.
 */
public final class Layout {
    // frame fields
    private static final int F_FLAGS = 0, F_REF = 1, F_MAPCOUNT = 2, F_PRIVATE = 3, F_MAPPING = 4, F_INDEX = 5,
            F_DATA = 6, F_LOCK = 7, F_MEMCG = 8, F_STRIDE = 9;
    // slot fields
    private static final int S_COUNT = 0, S_HAS_CACHE = 1, S_PAGE = 2, S_DATA = 3, S_CGROUP = 4, S_STRIDE = 5;
    // mm fields, then ptes[nv], then last written[nv]
    private static final int M_ALIVE = 0, M_PTL = 1, M_READERS = 2, M_WRITER = 3, M_HEADER = 4;
    // globals
    private static final int G_GEN = 0, G_SWAP_OFF = 1, G_HEADER = 2;

    /** memcg counters, in pages: res, memsw, MEM_CGROUP_STAT_SWAPOUT, and try_charges still pending. */
    public static final int RES = 0, MEMSW = 1, SWAPOUT = 2, PENDING = 3;
    private static final int C_STRIDE = 4;
    private static final String[] COUNTER_NAMES = {"res", "memsw", "swapout", "pending charges"};

    /** Lock owner value for a page locked by its own read I/O. */
    public static final int LOCK_IO = 1 << 20;

    /** page->mapping values: 0 none, MAPPING_ANON + anon_vma id, MAPPING_KSM + stable node id. */
    public static final int MAPPING_ANON = 1;
    public static final int MAPPING_KSM = 1 << 10;
    /**
     * page->mapping of a KSM page whose stable node is still NULL: try_to_merge_one_page's set_page_stable_node(page,
     * NULL) before stable_tree_insert (the "half-KSM" page of 4829b906cc06). Stable node ids are page frame numbers.
     */
    public static final int MAPPING_KSM_NO_NODE = MAPPING_KSM + MAPPING_KSM - 1;

    /** A pte position (mm, address) as one int: mm * POSITIONS + offset in the vma. */
    private static final int POSITIONS = 1024;

    private final int nf, ns, nm, nv;
    private final int memcgBase, frameBase, slotBase, mmBase, mmStride, size;
    private final String[] memcgNames;
    private final int[] memcgOf;
    private final KernelBaseline baseline;
    private final Knobs knobs;
    private final String[] mmNames;
    private final Map<String, Integer> mmIndex = new HashMap<>();
    private final int[] vmaStart, vmaPages, pgoff;
    private final int[] root;
    private final int[] chain;
    private final boolean[] mmapWriters;
    private final boolean[] vmLocked;

    public Layout(Scenario scenario, KernelBaseline baseline) {
        this.baseline = baseline;
        this.knobs = scenario.knobs();
        var mem = scenario.memory();
        nf = mem.frames();
        ns = mem.swapSlots();
        nm = mem.mms().size();
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
        vmLocked = new boolean[nm];
        for (int i = 0; i < nm; i++) {
            vmLocked[i] = mem.mms().get(i).vmLocked();
        }
        mmapWriters = new boolean[nm];
        for (var t : scenario.threads()) {
            for (var a : t.actions()) {
                if (t.mm() != null && (a.op() == Action.Op.FORK || a.op() == Action.Op.EXIT)) {
                    mmapWriters[mmIndex.get(t.mm())] = true;
                }
            }
        }
    }

    // ---- objects, for the partial-order reduction's footprints ----

    /**
     * The objects of the state, numbered for step footprints: page frames 0..F-1, then slots 1..S (as F..F+S-1), then
     * mms (pte lock, mmap_sem, ptes, last written values), then all memcg counters as one object, then the globals.
     */
    public int objects() {
        return nf + ns + nm + 2;
    }

    /** Object number of page frame {@code pfn}. */
    public int frameObject(int pfn) {
        return pfn;
    }

    /** Object number of swap slot {@code offset} (1..S). */
    public int slotObject(int offset) {
        return nf + offset - 1;
    }

    /** Object number of mm {@code m}. */
    public int mmObject(int m) {
        return nf + ns + m;
    }

    /** Object number of the memcg counters (all memcgs: one object). */
    public int memcgObject() {
        return nf + ns + nm;
    }

    /** Object number of the globals (data version, swapoff). */
    public int globalObject() {
        return nf + ns + nm + 1;
    }

    /** The object an int of the state belongs to (see {@link #objects()}). */
    public int objectOf(int index) {
        if (index < memcgBase) {
            return globalObject();
        }
        if (index < frameBase) {
            return memcgObject();
        }
        if (index < slotBase) {
            return (index - frameBase) / F_STRIDE;
        }
        if (index < mmBase) {
            return nf + (index - slotBase) / S_STRIDE;
        }
        return nf + ns + (index - mmBase) / mmStride;
    }

    // ---- the scenario's shape ----

    public int size() {
        return size;
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

    public Knobs knobs() {
        return knobs;
    }

    /** The index of the mm with this scenario id. */
    public int mmIndex(String id) {
        return mmIndex.get(id);
    }

    public String mmName(int m) {
        return mmNames[m];
    }

    /** Whether memcg is modelled (some mm names a memcg). */
    public boolean memcgOn() {
        return memcgNames.length > 0;
    }

    /** Memory cgroups, index 0 the root; 0 when memcg is not modelled. */
    public int memcgs() {
        return memcgNames.length;
    }

    public String memcgName(int g) {
        return g >= 0 && g < memcgNames.length ? memcgNames[g] : "memcg" + g;
    }

    /** The memcg of mm m. */
    public int memcgOf(int m) {
        return memcgOf[m];
    }

    public int vmaStart(int m) {
        return vmaStart[m];
    }

    public int vmaPages(int m) {
        return vmaPages[m];
    }

    /** One past the vma's last address. */
    public int vmaEnd(int m) {
        return vmaStart[m] + vmaPages[m];
    }

    public boolean inVma(int m, int address) {
        return address >= vmaStart[m] && address < vmaStart[m] + vmaPages[m];
    }

    /** linear_page_index(vma, address). */
    public int linearPageIndex(int m, int address) {
        return pgoff[m] + (address - vmaStart[m]);
    }

    /** vma_address: where in mm m the rmap walk looks for a page of this index, or -1 outside the vma. */
    public int vmaAddress(int m, int index) {
        int a = vmaStart[m] + (index - pgoff[m]);
        return inVma(m, a) ? a : -1;
    }

    /** The root of mm m's anon_vma (the anon_vma of mm i has id i; a fork child's root is its oldest ancestor). */
    public int anonVmaRoot(int m) {
        return root[m];
    }

    /** Whether the anon rmap walk from anon_vma av visits mm m (av is on m's anon_vma chain). */
    public boolean walkVisits(int av, int m) {
        return (chain[m] & (1 << av)) != 0;
    }

    /** Whether some thread can take mm m's mmap_sem for write (fork, exit); otherwise its readers are invisible. */
    public boolean hasMmapWriter(int m) {
        return mmapWriters[m];
    }

    /** vma->vm_flags & VM_LOCKED for mm m's vma (fixed for the run: mlock and munlock are not actions). */
    public boolean vmLocked(int m) {
        return vmLocked[m];
    }

    /** The anon_vma id a page->mapping value names, or -1 (none, or a KSM page). */
    public static int anonVmaOf(int mapping) {
        return mapping >= MAPPING_ANON && mapping < MAPPING_KSM ? mapping - MAPPING_ANON : -1;
    }

    public static boolean isKsmMapping(int mapping) {
        return mapping >= MAPPING_KSM;
    }

    /** A page->mapping value as traces and messages show it. */
    public String mappingName(int mapping) {
        if (mapping == 0) {
            return "NULL";
        }
        if (mapping == MAPPING_KSM_NO_NODE) {
            return "ksm (stable_node NULL)";
        }
        if (isKsmMapping(mapping)) {
            return "ksm";
        }
        return "anon_vma(" + mmNames[mapping - MAPPING_ANON] + ")";
    }

    // ---- pte positions, as the rmap walk and unuse scan return them ----

    /** The position of (mm, address). */
    public int position(int m, int address) {
        return m * POSITIONS + (address - vmaStart[m]);
    }

    public static int positionMm(int position) {
        return position / POSITIONS;
    }

    public int positionAddress(int position) {
        return vmaStart[position / POSITIONS] + position % POSITIONS;
    }

    /** One past the last position of mm m. */
    public static int positionsEnd(int m) {
        return (m + 1) * POSITIONS;
    }

    // ---- globals ----

    /** A new data version for a store. */
    public int nextData(int[] s) {
        return ++s[G_GEN];
    }

    public void setLastData(int[] s, int v) {
        s[G_GEN] = v;
    }

    public boolean swapOff(int[] s) {
        return s[G_SWAP_OFF] != 0;
    }

    public void setSwapOff(int[] s, boolean off) {
        s[G_SWAP_OFF] = off ? 1 : 0;
    }

    // ---- struct mem_cgroup ----

    /** A counter's name in traces and messages. */
    public static String counterName(int counter) {
        return COUNTER_NAMES[counter];
    }

    public int counter(int[] s, int g, int counter) {
        return s[memcgBase + g * C_STRIDE + counter];
    }

    public void setCounter(int[] s, int g, int counter, int v) {
        s[memcgBase + g * C_STRIDE + counter] = v;
    }

    // ---- struct page ----

    private int frame(int pfn) {
        return frameBase + pfn * F_STRIDE;
    }

    public int flags(int[] s, int pfn) {
        return s[frame(pfn) + F_FLAGS];
    }

    public boolean test(int[] s, int pfn, int flag) {
        return (s[frame(pfn) + F_FLAGS] & flag) != 0;
    }

    public void set(int[] s, int pfn, int flags) {
        s[frame(pfn) + F_FLAGS] |= flags;
    }

    public void clear(int[] s, int pfn, int flags) {
        s[frame(pfn) + F_FLAGS] &= ~flags;
    }

    public void setFlags(int[] s, int pfn, int flags) {
        s[frame(pfn) + F_FLAGS] = flags;
    }

    /** Whether the frame holds a page. */
    public boolean allocated(int[] s, int pfn) {
        return (s[frame(pfn) + F_FLAGS] & PageFlags.PG_ALLOC) != 0;
    }

    /** page_count. */
    public int count(int[] s, int pfn) {
        return s[frame(pfn) + F_REF];
    }

    public void setCount(int[] s, int pfn, int v) {
        s[frame(pfn) + F_REF] = v;
    }

    /** get_page's increment (no checks). */
    public void addCount(int[] s, int pfn, int delta) {
        s[frame(pfn) + F_REF] += delta;
    }

    /** page_mapcount. */
    public int mapcount(int[] s, int pfn) {
        return s[frame(pfn) + F_MAPCOUNT];
    }

    public void setMapcount(int[] s, int pfn, int v) {
        s[frame(pfn) + F_MAPCOUNT] = v;
    }

    public void addMapcount(int[] s, int pfn, int delta) {
        s[frame(pfn) + F_MAPCOUNT] += delta;
    }

    /** page_private: the swap entry of a swap cache page. */
    public int pagePrivate(int[] s, int pfn) {
        return s[frame(pfn) + F_PRIVATE];
    }

    public void setPagePrivate(int[] s, int pfn, int v) {
        s[frame(pfn) + F_PRIVATE] = v;
    }

    /** page->mapping. */
    public int mapping(int[] s, int pfn) {
        return s[frame(pfn) + F_MAPPING];
    }

    public void setMapping(int[] s, int pfn, int v) {
        s[frame(pfn) + F_MAPPING] = v;
    }

    /** page->index. */
    public int index(int[] s, int pfn) {
        return s[frame(pfn) + F_INDEX];
    }

    public void setIndex(int[] s, int pfn, int v) {
        s[frame(pfn) + F_INDEX] = v;
    }

    /** The data version the page holds. */
    public int data(int[] s, int pfn) {
        return s[frame(pfn) + F_DATA];
    }

    public void setData(int[] s, int pfn, int v) {
        s[frame(pfn) + F_DATA] = v;
    }

    /** The page lock's owner: thread id + 1, {@link #LOCK_IO}, or 0 when unlocked. */
    public int lockOwner(int[] s, int pfn) {
        return s[frame(pfn) + F_LOCK];
    }

    public void setLockOwner(int[] s, int pfn, int owner) {
        s[frame(pfn) + F_LOCK] = owner;
    }

    /** page_cgroup: memcg + 1 while Used, else 0. */
    public int pageCgroup(int[] s, int pfn) {
        return s[frame(pfn) + F_MEMCG];
    }

    public void setPageCgroup(int[] s, int pfn, int v) {
        s[frame(pfn) + F_MEMCG] = v;
    }

    /** Gives the frame back: every field zero. */
    public void clearFrame(int[] s, int pfn) {
        int f = frame(pfn);
        for (int i = 0; i < F_STRIDE; i++) {
            s[f + i] = 0;
        }
    }

    /** Whether the frame's fields are the same in both states. */
    public boolean sameFrame(int[] a, int[] b, int pfn) {
        return sameRange(a, b, frame(pfn), F_STRIDE);
    }

    // ---- swap_map and the swap cache ----

    private int slot(int offset) {
        return slotBase + (offset - 1) * S_STRIDE;
    }

    /** The swap_map count of a slot (offset 1..n: offset 0 of a swap device is its header, never used). */
    public int swapCount(int[] s, int offset) {
        return s[slot(offset) + S_COUNT];
    }

    public void setSwapCount(int[] s, int offset, int v) {
        s[slot(offset) + S_COUNT] = v;
    }

    /** SWAP_HAS_CACHE in the slot's swap_map byte. */
    public boolean hasCache(int[] s, int offset) {
        return s[slot(offset) + S_HAS_CACHE] != 0;
    }

    public void setHasCache(int[] s, int offset, boolean v) {
        s[slot(offset) + S_HAS_CACHE] = v ? 1 : 0;
    }

    /** The page in swapper_space at this offset, or -1. */
    public int cachePage(int[] s, int offset) {
        return s[slot(offset) + S_PAGE] - 1;
    }

    public void setCachePage(int[] s, int offset, int pfn) {
        s[slot(offset) + S_PAGE] = pfn + 1;
    }

    /** What the swap device holds at this offset. */
    public int diskData(int[] s, int offset) {
        return s[slot(offset) + S_DATA];
    }

    public void setDiskData(int[] s, int offset, int v) {
        s[slot(offset) + S_DATA] = v;
    }

    /** The swap_cgroup record: memcg + 1, or 0. */
    public int swapCgroup(int[] s, int offset) {
        return s[slot(offset) + S_CGROUP];
    }

    public void setSwapCgroup(int[] s, int offset, int v) {
        s[slot(offset) + S_CGROUP] = v;
    }

    /** Whether the slot has neither a count nor the cache. */
    public boolean slotFree(int[] s, int offset) {
        int sl = slot(offset);
        return s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0;
    }

    public boolean sameSlot(int[] a, int[] b, int offset) {
        return sameRange(a, b, slot(offset), S_STRIDE);
    }

    // ---- mm_struct, its vma's ptes and what was written ----

    private int mm(int m) {
        return mmBase + m * mmStride;
    }

    public boolean alive(int[] s, int m) {
        return s[mm(m) + M_ALIVE] != 0;
    }

    public void setAlive(int[] s, int m, boolean v) {
        s[mm(m) + M_ALIVE] = v ? 1 : 0;
    }

    /** The pte lock's owner (thread id + 1), or 0. */
    public int ptlOwner(int[] s, int m) {
        return s[mm(m) + M_PTL];
    }

    public void setPtlOwner(int[] s, int m, int owner) {
        s[mm(m) + M_PTL] = owner;
    }

    public int mmapReaders(int[] s, int m) {
        return s[mm(m) + M_READERS];
    }

    public void addMmapReaders(int[] s, int m, int delta) {
        s[mm(m) + M_READERS] += delta;
    }

    public boolean mmapWriter(int[] s, int m) {
        return s[mm(m) + M_WRITER] != 0;
    }

    public void setMmapWriter(int[] s, int m, boolean v) {
        s[mm(m) + M_WRITER] = v ? 1 : 0;
    }

    /** The pte at an address of mm m's vma (a {@link dev.swapbench.spi.Pte} value). */
    public int pte(int[] s, int m, int address) {
        return s[mm(m) + M_HEADER + (address - vmaStart[m])];
    }

    public void setPte(int[] s, int m, int address, int value) {
        s[mm(m) + M_HEADER + (address - vmaStart[m])] = value;
    }

    /** The data version last written at an address (0: never, or zapped). */
    public int lastWritten(int[] s, int m, int address) {
        return s[mm(m) + M_HEADER + nv + (address - vmaStart[m])];
    }

    public void setLastWritten(int[] s, int m, int address, int v) {
        s[mm(m) + M_HEADER + nv + (address - vmaStart[m])] = v;
    }

    private static boolean sameRange(int[] a, int[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
