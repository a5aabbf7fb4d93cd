package dev.swapbench.engine.model.v6;

import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One v6 scenario's machine laid out in an {@code int[]}: the only class that knows offsets. A free frame is all
 * zeros; a free slot keeps the data last written to it (a device forgets nothing unless it discards on free).
 *
 * <pre>
 * global   device state (on, swapoff unusing, users killed, swap_map freed), get_swap_device users,
 *          swapcache_wq waiters (one bit per thread), next data version
 * folio    flags, refcount, mapcount, folio-&gt;swap, data, lock owner (thread id, 0: unlocked),
 *          memcg_data (memcg index + 1, 0: uncharged)
 * slot     swap_map count, SWAP_HAS_CACHE, swap cache folio (pfn + 1, 0: none), data on the device,
 *          swap_cgroup record (memcg index + 1, 0: none)
 * mm       pte lock owner, one pte per page of its vma, the last data written at each address, exiting
 *          (mm_users is 0: exit_mmap runs and swapoff's unuse_mm skips it)
 * memcg    memory page_counter, swap page_counter (memsw with {@code do_memsw_account()}, cgroup v1)
 * </pre>
 *
 * <p>memcg 0 is the root cgroup, where an mm without a {@code memcg} lives; the others are the scenario's memcg
 * names in order. The root is accounted like the others (the kernel skips its page_counters; the invariants of
 * memcg-drift are the same).
 */
public final class Layout6 {
    public static final int G_DEVICE = 0;
    public static final int G_USERS = 1;
    public static final int G_WAITERS = 2;
    public static final int G_NEXT_DATA = 3;
    private static final int GLOBALS = 4;

    /** {@link #G_DEVICE}: swapon, in use. */
    public static final int DEVICE_ON = 0;
    /** {@link #G_DEVICE}: swapoff cleared SWP_WRITEOK and runs try_to_unuse. */
    public static final int DEVICE_UNUSING = 1;
    /** {@link #G_DEVICE}: swapoff killed the users' reference: get_swap_device fails. */
    public static final int DEVICE_KILLED = 2;
    /** {@link #G_DEVICE}: swapoff freed swap_map and the swap cache space. */
    public static final int DEVICE_OFF = 3;

    public static final int F_FLAGS = 0;
    public static final int F_REF = 1;
    public static final int F_MAPCOUNT = 2;
    public static final int F_SWAP = 3;
    public static final int F_DATA = 4;
    public static final int F_LOCK = 5;
    public static final int F_MEMCG = 6;
    static final int F_STRIDE = 7;

    public static final int PG_ALLOC = 1;
    public static final int PG_SWAPCACHE = 1 << 1;
    public static final int PG_UPTODATE = 1 << 2;
    public static final int PG_LRU = 1 << 3;
    public static final int PG_SWAPBACKED = 1 << 4;
    public static final int PG_ANON = 1 << 5;
    public static final int PG_DIRTY = 1 << 6;

    public static final int S_COUNT = 0;
    public static final int S_HAS_CACHE = 1;
    public static final int S_CACHE = 2;
    public static final int S_DATA = 3;
    public static final int S_MEMCG = 4;
    static final int S_STRIDE = 5;

    /** A memcg's {@code memory} page_counter. */
    public static final int MEMCG_MEMORY = 0;
    /** A memcg's {@code swap} page_counter, or {@code memsw} (memory + swap) with {@code do_memsw_account()}. */
    public static final int MEMCG_SWAP = 1;
    static final int MEMCG_STRIDE = 2;

    private final int nf;
    private final int ns;
    private final int nm;
    private final int nv;
    private final int frameBase;
    private final int slotBase;
    private final int mmBase;
    private final int mmStride;
    private final int memcgBase;
    private final int size;
    private final int[] vmaStart;
    private final String[] mmNames;
    private final int[] mmMemcg;
    private final List<String> memcgNames = new ArrayList<>(List.of("root"));
    private final boolean synchronousIo;
    private final boolean discardOnFree;
    private final boolean memswAccount;
    private final boolean zapGetsSwapDevice;
    private final boolean lowestFirst;
    private final int[] initial;

    public Layout6(Scenario scenario) {
        var mem = scenario.memory();
        nf = mem.frames();
        ns = mem.swapSlots();
        nm = mem.mms().size();
        int pages = 1;
        vmaStart = new int[nm];
        mmNames = new String[nm];
        mmMemcg = new int[nm];
        for (int m = 0; m < nm; m++) {
            MmSpec ms = mem.mms().get(m);
            pages = Math.max(pages, ms.vmaPages());
            vmaStart[m] = ms.vmaStart();
            mmNames[m] = ms.id();
            if (ms.memcg() != null && !memcgNames.contains(ms.memcg())) {
                memcgNames.add(ms.memcg());
            }
            mmMemcg[m] = ms.memcg() == null ? 0 : memcgNames.indexOf(ms.memcg());
        }
        nv = pages;
        frameBase = GLOBALS;
        slotBase = frameBase + nf * F_STRIDE;
        mmBase = slotBase + ns * S_STRIDE;
        mmStride = 2 + 2 * nv;
        memcgBase = mmBase + nm * mmStride;
        size = memcgBase + memcgNames.size() * MEMCG_STRIDE;
        synchronousIo = scenario.knobs().synchronousIo();
        discardOnFree = scenario.knobs().discardOnFree();
        memswAccount = scenario.knobs().memswAccount();
        zapGetsSwapDevice = scenario.knobs().zapGetsSwapDevice();
        lowestFirst = scenario.knobs().slotAllocation() == dev.swapbench.engine.scenario.Knobs.SlotAllocation.LOWEST_FIRST;
        initial = build(scenario);
    }

    private int[] build(Scenario scenario) {
        var mem = scenario.memory();
        int[] s = new int[size];
        Map<String, Integer> pfnOf = new HashMap<>();
        for (int p = 0; p < mem.pages().size(); p++) {
            PageSpec ps = mem.pages().get(p);
            pfnOf.put(ps.id(), p);
            int f = frame(p);
            s[f + F_FLAGS] = PG_ALLOC | PG_UPTODATE | PG_SWAPBACKED | PG_LRU | PG_ANON | (ps.dirty() ? PG_DIRTY : 0);
            s[f + F_DATA] = ps.data();
            if (ps.swapCacheSlot() >= 0) {
                s[f + F_FLAGS] |= PG_SWAPCACHE;
                s[f + F_SWAP] = ps.swapCacheSlot();
                s[f + F_REF]++;
                s[slot(ps.swapCacheSlot()) + S_HAS_CACHE] = 1;
                s[slot(ps.swapCacheSlot()) + S_CACHE] = p + 1;
            }
        }
        for (SlotSpec sl : mem.slots()) {
            s[slot(sl.slot()) + S_DATA] = sl.data();
        }
        int maxData = 0;
        for (int m = 0; m < nm; m++) {
            for (PteSpec pte : mem.mms().get(m).ptes()) {
                int at = pteAt(m, pte.address());
                if (pte.kind() == PteSpec.Kind.SWAP) {
                    s[at] = Pte.swap(new SwapEntry(pte.slot())).value();
                    int sl = slot(pte.slot());
                    s[sl + S_COUNT]++;
                    s[lastAt(m, pte.address())] = s[sl + S_CACHE] != 0 ? s[frame(s[sl + S_CACHE] - 1) + F_DATA]
                            : s[sl + S_DATA];
                } else {
                    int p = pfnOf.get(pte.page());
                    s[at] = Pte.mkPte(new Page(p)).value() | (pte.writable() ? 1 : 0);
                    s[frame(p) + F_REF]++;
                    s[frame(p) + F_MAPCOUNT]++;
                    s[lastAt(m, pte.address())] = s[frame(p) + F_DATA];
                }
                maxData = Math.max(maxData, s[lastAt(m, pte.address())]);
            }
        }
        charge(s, mem, pfnOf);
        for (int p = 0; p < nf; p++) {
            maxData = Math.max(maxData, s[frame(p) + F_DATA]);
        }
        for (int o = 1; o <= ns; o++) {
            maxData = Math.max(maxData, s[slot(o) + S_DATA]);
        }
        s[G_NEXT_DATA] = maxData + 1;
        return s;
    }

    /**
     * The charges of the first state, as the kernel would have left them: a folio is charged to the memcg of the first
     * mm that maps it or whose swap pte names its slot (else the root); a slot named by a swap pte and without a swap
     * cache folio was swapped out by that mm's memcg, and a swap cache folio's slot was allocated for it (the records
     * mem_cgroup_swapout and __mem_cgroup_try_charge_swap leave).
     */
    private void charge(int[] s, dev.swapbench.engine.scenario.Memory mem, Map<String, Integer> pfnOf) {
        int[] owner = new int[nf];
        int[] slotOwner = new int[ns + 1];
        Arrays.fill(owner, -1);
        Arrays.fill(slotOwner, -1);
        for (int m = nm - 1; m >= 0; m--) {
            for (PteSpec pte : mem.mms().get(m).ptes()) {
                if (pte.kind() == PteSpec.Kind.SWAP) {
                    slotOwner[pte.slot()] = mmMemcg[m];
                }
            }
        }
        for (int m = nm - 1; m >= 0; m--) {
            for (PteSpec pte : mem.mms().get(m).ptes()) {
                if (pte.kind() != PteSpec.Kind.SWAP) {
                    owner[pfnOf.get(pte.page())] = mmMemcg[m];
                }
            }
        }
        for (int p = 0; p < mem.pages().size(); p++) {
            int cacheSlot = mem.pages().get(p).swapCacheSlot();
            int g = owner[p] >= 0 ? owner[p] : cacheSlot >= 0 && slotOwner[cacheSlot] >= 0 ? slotOwner[cacheSlot] : 0;
            s[frame(p) + F_MEMCG] = g + 1;
            s[memcg(g) + MEMCG_MEMORY]++;
            if (memswAccount) {
                s[memcg(g) + MEMCG_SWAP]++;
            }
            if (cacheSlot >= 0 && !memswAccount) {
                s[slot(cacheSlot) + S_MEMCG] = g + 1;
                s[memcg(g) + MEMCG_SWAP]++;
            }
        }
        for (int o = 1; o <= ns; o++) {
            if (slotOwner[o] >= 0 && s[slot(o) + S_CACHE] == 0) {
                s[slot(o) + S_MEMCG] = slotOwner[o] + 1;
                s[memcg(slotOwner[o]) + MEMCG_SWAP]++;
            }
        }
    }

    public int[] initialState() {
        return initial.clone();
    }

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

    public int vmaPages() {
        return nv;
    }

    public int vmaStart(int m) {
        return vmaStart[m];
    }

    public String mmName(int m) {
        return mmNames[m];
    }

    /** {@code si->flags & SWP_SYNCHRONOUS_IO}. */
    public boolean synchronousIo() {
        return synchronousIo;
    }

    /** Whether the device discards a slot's data when the slot is freed (zram's swap_slot_free_notify). */
    public boolean discardOnFree() {
        return discardOnFree;
    }

    /** {@code do_memsw_account()}: cgroup v1's memory+swap counter; false: cgroup v2's separate swap counter. */
    public boolean memswAccount() {
        return memswAccount;
    }

    /** Whether free_swap_and_cache holds get_swap_device (82b1c07a0af6). */
    public boolean zapGetsSwapDevice() {
        return zapGetsSwapDevice;
    }

    public int memcgs() {
        return memcgNames.size();
    }

    public String memcgName(int g) {
        return memcgNames.get(g);
    }

    /** The memcg an mm is charged to ({@code get_mem_cgroup_from_mm}). */
    public int mmMemcg(int m) {
        return mmMemcg[m];
    }

    /** Base of a memcg's counters. */
    public int memcg(int g) {
        return memcgBase + g * MEMCG_STRIDE;
    }

    /** Whether mm {@code m} is exiting (its mm_users dropped to 0). */
    public int mmExiting(int m) {
        return mmBase + m * mmStride + 1 + 2 * nv;
    }

    /** Whether the allocator hands out the lowest free slot (else any free slot: the explorer branches). */
    public boolean lowestFirst() {
        return lowestFirst;
    }

    public int frame(int pfn) {
        return frameBase + pfn * F_STRIDE;
    }

    /** Base of a slot's fields, by swap offset (1..slots). */
    public int slot(int offset) {
        return slotBase + (offset - 1) * S_STRIDE;
    }

    public int ptl(int m) {
        return mmBase + m * mmStride;
    }

    public int pteAt(int m, int address) {
        return mmBase + m * mmStride + 1 + (address - vmaStart[m]);
    }

    public int lastAt(int m, int address) {
        return mmBase + m * mmStride + 1 + nv + (address - vmaStart[m]);
    }

    /** The address of pte index {@code i} of mm {@code m}. */
    public int address(int m, int i) {
        return vmaStart[m] + i;
    }
}
