package dev.swapbench.engine.model.v6;

import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * One v6 scenario's machine laid out in an {@code int[]}: the only class that knows offsets. A free frame is all
 * zeros; a free slot keeps the data last written to it (a device forgets nothing unless it discards on free).
 *
 * <pre>
 * global   device state (on, swapoff unusing, users killed, swap_map freed), get_swap_device users,
 *          swapcache_wq waiters (one bit per thread), next data version
 * folio    flags, refcount, mapcount, folio-&gt;swap, data, lock owner (thread id, 0: unlocked)
 * slot     swap_map count, SWAP_HAS_CACHE, swap cache folio (pfn + 1, 0: none), data on the device
 * mm       pte lock owner, one pte per page of its vma, the last data written at each address
 * </pre>
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
    static final int F_STRIDE = 6;

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
    static final int S_STRIDE = 4;

    private final int nf;
    private final int ns;
    private final int nm;
    private final int nv;
    private final int frameBase;
    private final int slotBase;
    private final int mmBase;
    private final int mmStride;
    private final int size;
    private final int[] vmaStart;
    private final String[] mmNames;
    private final boolean synchronousIo;
    private final boolean discardOnFree;
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
        for (int m = 0; m < nm; m++) {
            MmSpec ms = mem.mms().get(m);
            pages = Math.max(pages, ms.vmaPages());
            vmaStart[m] = ms.vmaStart();
            mmNames[m] = ms.id();
        }
        nv = pages;
        frameBase = GLOBALS;
        slotBase = frameBase + nf * F_STRIDE;
        mmBase = slotBase + ns * S_STRIDE;
        mmStride = 1 + 2 * nv;
        size = mmBase + nm * mmStride;
        synchronousIo = scenario.knobs().synchronousIo();
        discardOnFree = scenario.knobs().discardOnFree();
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
        for (int p = 0; p < nf; p++) {
            maxData = Math.max(maxData, s[frame(p) + F_DATA]);
        }
        for (int o = 1; o <= ns; o++) {
            maxData = Math.max(maxData, s[slot(o) + S_DATA]);
        }
        s[G_NEXT_DATA] = maxData + 1;
        return s;
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
