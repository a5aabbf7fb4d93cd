package dev.swapbench.engine.model;

import dev.swapbench.spi.Pte;
import java.util.ArrayList;
import java.util.List;

/** Says what a step changed, in kernel terms, for traces. */
public final class StateDiff {
    private StateDiff() {
    }

    private static final String[] FLAG_NAMES = {"alloc", "swapcache", "dirty", "uptodate", "writeback", "swapbacked",
        "lru", "read-io"};

    public static List<String> describe(Machine m, int[] before, int[] after) {
        List<String> out = new ArrayList<>();
        for (int g = 0; g < m.memcgNames.length; g++) {
            int c = m.cg(g);
            String name = "memcg " + m.memcgNames[g];
            field(out, name, "res", before, after, c + Machine.C_RES);
            field(out, name, "memsw", before, after, c + Machine.C_MEMSW);
            field(out, name, "swapout", before, after, c + Machine.C_SWAPOUT);
            field(out, name, "pending charges", before, after, c + Machine.C_PENDING);
        }
        for (int p = 0; p < m.nf; p++) {
            int f = m.frame(p);
            if (sameRange(before, after, f, Machine.F_STRIDE)) {
                continue;
            }
            String name = "page" + p;
            if ((before[f] & Machine.PG_ALLOC) == 0 && (after[f] & Machine.PG_ALLOC) != 0) {
                out.add(name + " allocated");
            } else if ((before[f] & Machine.PG_ALLOC) != 0 && (after[f] & Machine.PG_ALLOC) == 0) {
                out.add(name + " freed");
                continue;
            }
            int fb = before[f + Machine.F_FLAGS], fa = after[f + Machine.F_FLAGS];
            for (int b = 1; b < FLAG_NAMES.length; b++) {
                int bit = 1 << b;
                if ((fb & bit) != (fa & bit)) {
                    out.add(name + ((fa & bit) != 0 ? " +" : " -") + FLAG_NAMES[b]);
                }
            }
            field(out, name, "refcount", before, after, f + Machine.F_REF);
            field(out, name, "mapcount", before, after, f + Machine.F_MAPCOUNT);
            field(out, name, "private", before, after, f + Machine.F_PRIVATE);
            if (before[f + Machine.F_MAPPING] != after[f + Machine.F_MAPPING]) {
                out.add(name + " mapping " + mapping(m, before[f + Machine.F_MAPPING]) + "->"
                        + mapping(m, after[f + Machine.F_MAPPING]));
            }
            field(out, name, "index", before, after, f + Machine.F_INDEX);
            field(out, name, "data", before, after, f + Machine.F_DATA);
            int cb = before[f + Machine.F_MEMCG], ca = after[f + Machine.F_MEMCG];
            if (cb != ca) {
                out.add(name + (ca == 0 ? " page_cgroup unused" : " page_cgroup Used by " + m.memcgName(ca - 1)));
            }
            int lb = before[f + Machine.F_LOCK], la = after[f + Machine.F_LOCK];
            if (lb != la) {
                out.add(name + (la == 0 ? " unlocked" : " locked" + (la == Machine.LOCK_IO ? " (read I/O)" : "")));
            }
        }
        for (int i = 1; i <= m.ns; i++) {
            int sl = m.slot(i);
            if (sameRange(before, after, sl, Machine.S_STRIDE)) {
                continue;
            }
            String name = "slot" + i;
            field(out, name, "count", before, after, sl + Machine.S_COUNT);
            if (before[sl + Machine.S_HAS_CACHE] != after[sl + Machine.S_HAS_CACHE]) {
                out.add(name + (after[sl + Machine.S_HAS_CACHE] != 0 ? " +SWAP_HAS_CACHE" : " -SWAP_HAS_CACHE"));
            }
            if (before[sl + Machine.S_PAGE] != after[sl + Machine.S_PAGE]) {
                int p = after[sl + Machine.S_PAGE] - 1;
                out.add(name + " swap cache " + (p < 0 ? "empty" : "page" + p));
            }
            field(out, name, "disk data", before, after, sl + Machine.S_DATA);
            int rb = before[sl + Machine.S_CGROUP], ra = after[sl + Machine.S_CGROUP];
            if (rb != ra) {
                out.add(name + " swap_cgroup " + (ra == 0 ? "cleared" : "-> " + m.memcgName(ra - 1)));
            }
            if (after[sl + Machine.S_COUNT] == 0 && after[sl + Machine.S_HAS_CACHE] == 0
                    && (before[sl + Machine.S_COUNT] != 0 || before[sl + Machine.S_HAS_CACHE] != 0)) {
                out.add(name + " free");
            }
        }
        for (int mm = 0; mm < m.nm; mm++) {
            int b = m.mm(mm);
            String name = "mm " + m.mmNames[mm];
            if (before[b + Machine.M_ALIVE] != after[b + Machine.M_ALIVE]) {
                out.add(name + (after[b + Machine.M_ALIVE] != 0 ? " created" : " gone"));
            }
            if (before[b + Machine.M_PTL] != after[b + Machine.M_PTL]) {
                out.add(name + (after[b + Machine.M_PTL] != 0 ? " ptl taken" : " ptl released"));
            }
            if (before[b + Machine.M_WRITER] != after[b + Machine.M_WRITER]) {
                out.add(name + (after[b + Machine.M_WRITER] != 0 ? " mmap_sem write-locked" : " mmap_sem released"));
            }
            for (int a = 0; a < m.vmaPages[mm]; a++) {
                int pb = before[b + Machine.M_HEADER + a], pa = after[b + Machine.M_HEADER + a];
                int address = m.vmaStart[mm] + a;
                if (pb != pa) {
                    out.add(name + " pte[" + address + "] " + new Pte(pb) + "->" + new Pte(pa));
                }
                int wb = before[b + Machine.M_HEADER + m.nv + a], wa = after[b + Machine.M_HEADER + m.nv + a];
                if (wb != wa) {
                    out.add(name + " [" + address + "] " + (wa == 0 && pa == 0 ? "zapped" : "written " + wa));
                }
            }
        }
        if (before[Machine.G_SWAP_OFF] != after[Machine.G_SWAP_OFF]) {
            out.add(after[Machine.G_SWAP_OFF] != 0 ? "swap device off" : "swap device on");
        }
        return out;
    }

    private static boolean sameRange(int[] a, int[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static void field(List<String> out, String name, String what, int[] before, int[] after, int i) {
        if (before[i] != after[i]) {
            out.add(name + " " + what + " " + before[i] + "->" + after[i]);
        }
    }

    static String mapping(Machine m, int v) {
        if (v == 0) {
            return "NULL";
        }
        if (v >= Machine.MAPPING_KSM) {
            return "ksm";
        }
        return "anon_vma(" + m.mmNames[v - Machine.MAPPING_ANON] + ")";
    }

    /** Renders a step's arguments for a trace line. */
    public static String describeCall(Machine m, Op op, int a0, int a1, int a2, int a3) {
        switch (op) {
            case USER_ACCESS:
                return (a2 != 0 ? "write" : "read") + " mm " + m.mmNames[a0] + " [" + a1 + "]";
            case MMAP_DOWN_READ:
            case MMAP_UP_READ:
            case MMAP_DOWN_WRITE:
            case MMAP_UP_WRITE:
            case PTE_UNLOCK:
            case MM_EXIT:
                return "mm " + m.mmNames[a0];
            case PTE_LOCK:
            case ZAP_PTE:
                return "mm " + m.mmNames[a0] + " [" + a1 + "]";
            case SET_PTE_AT:
                return "mm " + m.mmNames[a0] + " [" + a1 + "] = " + new Pte(a2);
            case LOOKUP_SWAP_CACHE:
            case FIND_GET_PAGE:
            case SWAPCACHE_PREPARE:
            case SWAP_FREE:
            case FREE_SWAP_AND_CACHE:
                return "swap(" + a0 + ")";
            case ADD_TO_SWAP_CACHE_AND_READ:
                return "page" + a0 + ", swap(" + a1 + ")";
            case COPY_USER_HIGHPAGE:
                return "page" + a0 + " <- page" + a1;
            case PAGE_ADD_ANON_RMAP:
                return "page" + a0 + ", mm " + m.mmNames[a1] + " [" + a2 + "]" + (a3 != 0 ? ", exclusive" : "");
            case PAGE_ADD_NEW_ANON_RMAP:
            case PAGE_MOVE_ANON_RMAP:
            case PAGE_FORCE_ANON_RMAP:
            case KSM_MIGHT_NEED_TO_COPY:
                return "page" + a0 + ", mm " + m.mmNames[a1] + " [" + a2 + "]";
            case FORK:
                return m.mmNames[a0] + " -> " + m.mmNames[a1];
            case ALLOC_PAGE_VMA:
            case VM_SWAP_FULL:
            case ISOLATE_LRU_PAGE:
            case PICK_SWAPCACHE_PAGE:
            case SWAPOFF_BEGIN:
            case SWAPOFF_END:
                return "";
            case MEMCG_TRY_CHARGE_SWAPIN:
                return "mm " + m.mmNames[a0] + ", page" + a1;
            case MEMCG_COMMIT_CHARGE_SWAPIN:
                return "page" + a0 + ", " + (a1 < 0 ? "NULL" : m.memcgName(a1));
            case MEMCG_CANCEL_CHARGE_SWAPIN:
                return a0 < 0 ? "NULL" : m.memcgName(a0);
            case MEMCG_NEWPAGE_CHARGE:
                return "page" + a0 + ", mm " + m.mmNames[a1];
            case TRY_TO_UNMAP_ONE:
                return "page" + a0;
            case KSM_MERGE:
                return "";
            case SWAPOFF_NEXT_SLOT:
                return "from slot " + a0;
            case SLOT_COUNT:
                return "slot" + a0;
            case UNUSE_FIND_PTE:
                return "swap(" + a0 + "), page" + a2;
            default:
                return "page" + a0;
        }
    }

    /** Renders a step's result for a trace line, or "" when it has none worth showing. */
    public static String describeResult(Machine m, Op op, int r) {
        switch (op) {
            case LOOKUP_SWAP_CACHE:
            case FIND_GET_PAGE:
            case ALLOC_PAGE_VMA:
            case ISOLATE_LRU_PAGE:
            case PICK_SWAPCACHE_PAGE:
            case FREE_SWAP_AND_CACHE:
                return r < 0 ? "NULL" : "page" + r;
            case USER_ACCESS:
                return r == Machine.DONE ? "ok" : "fault on " + new Pte(r);
            case PTE_LOCK:
            case ZAP_PTE:
                return new Pte(r).toString();
            case SWAPCACHE_PREPARE:
                return r == 0 ? "0" : r == Machine.EEXIST ? "-EEXIST" : "-ENOENT";
            case TRYLOCK_PAGE:
            case PAGE_SWAPCACHE:
            case PAGE_UPTODATE:
            case PAGE_WRITEBACK:
            case PAGE_DIRTY:
            case PAGE_ANON:
            case PAGE_KSM:
            case PAGE_MAPPED:
            case VM_SWAP_FULL:
            case KSM_MIGHT_NEED_TO_COPY:
                return r != 0 ? "true" : "false";
            case PAGE_PRIVATE:
                return "swap(" + r + ")";
            case PAGE_MAPCOUNT:
            case PAGE_SWAPCOUNT:
            case SLOT_COUNT:
                return Integer.toString(r);
            case ADD_TO_SWAP:
                return r < 0 ? "failed" : "swap(" + r + ")";
            case TRY_TO_UNMAP_ONE:
                return r < 0 ? "no pte left" : "unmapped mm " + m.mmNames[r / 1024] + " [" + m.unuseAddress(r) + "]";
            case PAGEOUT:
                return r != 0 ? "PAGE_SUCCESS" : "PAGE_KEEP";
            case REMOVE_MAPPING:
                return r != 0 ? "freed" : "kept";
            case SWAPOFF_NEXT_SLOT:
                return r < 0 ? "none" : "slot " + r;
            case UNUSE_FIND_PTE:
                return r < 0 ? "none" : "mm " + m.mmNames[r / 1024] + " [" + m.unuseAddress(r) + "]";
            case MEMCG_TRY_CHARGE_SWAPIN:
                return r < 0 ? "NULL" : m.memcgName(r);
            case KSM_MERGE:
                return r < 0 ? "nothing to merge" : "page" + r + " is the KSM page";

            default:
                return "";
        }
    }
}
