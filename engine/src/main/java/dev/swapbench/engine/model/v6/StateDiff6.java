package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.spi.Pte;
import dev.swapbench.spi.folio.FolioKernel;
import java.util.ArrayList;
import java.util.List;

/** How v6 steps read in a trace: their arguments, their result and what they changed. Not kernel code. */
final class StateDiff6 {
    private StateDiff6() {
    }

    static String describeCall(Layout6 l, Op6 op, int a0, int a1, int a2, int a3) {
        return switch (op) {
            case USER_ACCESS -> (a2 != 0 ? "store to " : "load from ") + "mm " + l.mmName(a0) + " [" + a1 + "]";
            case PTE_LOCK, ZAP_PTE -> "mm " + l.mmName(a0) + " [" + a1 + "]";
            case MM_EXIT -> "mm " + l.mmName(a0);
            case PTE_UNLOCK -> "mm " + l.mmName(a0);
            case SET_PTE_AT -> "mm " + l.mmName(a0) + " [" + a1 + "] = " + new Pte(a2);
            case WP_CAN_REUSE -> "folio" + a0;
            case COPY_FOLIO -> "folio" + a0 + " <- folio" + a1;
            case SWAP_COUNT, SWAPCACHE_PREPARE, SWAPCACHE_CLEAR, SWAP_FREE, SWAP_CACHE_GET_FOLIO, WAIT_SWAPCACHE_PIN,
                 SWAP_ENTRY_FREE, SWAP_PAGE_TRANS_HUGE_SWAPPED, TRY_TO_RECLAIM_SWAP, MEM_CGROUP_SWAPIN_UNCHARGE_SWAP ->
                    "swap(" + a0 + ")";
            case MEM_CGROUP_CHARGE -> "folio" + a0 + ", mm " + (a1 < 0 ? "NULL" : l.mmName(a1));
            case MEM_CGROUP_SWAPIN_CHARGE_FOLIO -> "folio" + a0 + ", mm " + (a1 < 0 ? "NULL" : l.mmName(a1)) + ", swap("
                    + a2 + ")";
            case SWAPOFF_NEXT_SLOT -> "from slot " + a0;
            case UNUSE_PTES, ADD_TO_SWAP_CACHE, SWAP_READ_FOLIO -> "folio" + a0 + ", swap(" + a1 + ")";
            case FOLIO_ALLOC_SWAP, FOLIO_FREE_SWAP, FOLIO_LOCK, FOLIO_UNLOCK, FOLIO_TEST_SWAPCACHE, FOLIO_SWAP,
                 FOLIO_TEST_UPTODATE, FOLIO_REF_COUNT, FOLIO_SET_LOCKED, FOLIO_SET_SWAPBACKED, FOLIO_ADD_LRU, FOLIO_GET,
                 FOLIO_PUT, SWAP_WRITEPAGE, FOLIO_REMOVE_RMAP_PTE, TRY_TO_UNMAP, REMOVE_MAPPING, PUTBACK_FOLIO ->
                    "folio" + a0;
            case FOLIO_ADD_NEW_ANON_RMAP, FOLIO_ADD_ANON_RMAP_PTE -> "folio" + a0 + ", mm " + l.mmName(a1) + " [" + a2
                    + "]";
            case VMA_ALLOC_FOLIO -> a0 < 0 ? "for swapoff" : "mm " + l.mmName(a0) + " [" + a1 + "]";
            default -> "";
        };
    }

    static String describeResult(Op6 op, int r) {
        return switch (op) {
            case USER_ACCESS -> r == Memory.DONE ? "done" : "faults on " + new Pte(r);
            case PTE_LOCK, ZAP_PTE -> new Pte(r).toString();
            case SWAP_ENTRY_FREE -> r != 0 ? "SWAP_HAS_CACHE" : "in use or free";
            case SWAP_CACHE_GET_FOLIO, VMA_ALLOC_FOLIO, ISOLATE_FOLIO -> r < 0 ? "NULL" : "folio" + r;
            case GET_SWAP_DEVICE -> r < 0 ? "NULL" : "si";
            case SWAPCACHE_PREPARE -> r == 0 ? "0" : r == FolioKernel.EEXIST ? "-EEXIST" : "-ENOENT";
            case FOLIO_ALLOC_SWAP -> r == 0 ? "no slot" : "swap(" + r + ")";
            case FOLIO_SWAP -> "swap(" + r + ")";
            case SWAPOFF_NEXT_SLOT -> r < 0 ? "none" : "slot " + r;
            case FOLIO_TEST_SWAPCACHE, FOLIO_TEST_UPTODATE, WAITQUEUE_ACTIVE, WP_CAN_REUSE, FOLIO_FREE_SWAP,
                 REMOVE_MAPPING, SWAP_PAGE_TRANS_HUGE_SWAPPED, TRY_TO_RECLAIM_SWAP -> r != 0 ? "true" : "false";
            case SWAP_COUNT, FOLIO_REF_COUNT, UNUSE_PTES -> Integer.toString(r);
            default -> "";
        };
    }

    static List<String> describe(Layout6 l, int[] b, int[] a) {
        List<String> out = new ArrayList<>();
        if (b[G_DEVICE] != a[G_DEVICE]) {
            out.add("swap device " + device(b[G_DEVICE]) + "->" + device(a[G_DEVICE]));
        }
        field(out, "get_swap_device users", b, a, G_USERS);
        if (b[G_WAITERS] != a[G_WAITERS]) {
            out.add("swapcache_wq " + (a[G_WAITERS] != 0 ? "waited on" : "empty"));
        }
        for (int p = 0; p < l.frames(); p++) {
            int f = l.frame(p);
            String name = "folio" + p;
            if ((b[f + F_FLAGS] & PG_ALLOC) == 0 && (a[f + F_FLAGS] & PG_ALLOC) != 0) {
                out.add(name + " allocated");
            } else if ((b[f + F_FLAGS] & PG_ALLOC) != 0 && (a[f + F_FLAGS] & PG_ALLOC) == 0) {
                out.add(name + " freed");
                continue;
            }
            flag(out, name, b[f + F_FLAGS], a[f + F_FLAGS], PG_SWAPCACHE, "swapcache");
            flag(out, name, b[f + F_FLAGS], a[f + F_FLAGS], PG_UPTODATE, "uptodate");
            flag(out, name, b[f + F_FLAGS], a[f + F_FLAGS], PG_LRU, "lru");
            flag(out, name, b[f + F_FLAGS], a[f + F_FLAGS], PG_DIRTY, "dirty");
            field(out, name + " refcount", b, a, f + F_REF);
            field(out, name + " mapcount", b, a, f + F_MAPCOUNT);
            field(out, name + " swap", b, a, f + F_SWAP);
            field(out, name + " data", b, a, f + F_DATA);
            if (b[f + F_LOCK] != a[f + F_LOCK]) {
                out.add(name + (a[f + F_LOCK] == 0 ? " unlocked" : " locked"));
            }
            if (b[f + F_MEMCG] != a[f + F_MEMCG]) {
                out.add(name + " memcg " + memcg(l, b[f + F_MEMCG]) + "->" + memcg(l, a[f + F_MEMCG]));
            }
        }
        for (int o = 1; o <= l.slots(); o++) {
            int sl = l.slot(o);
            String name = "slot " + o;
            field(out, name + " count", b, a, sl + S_COUNT);
            if (b[sl + S_HAS_CACHE] != a[sl + S_HAS_CACHE]) {
                out.add(name + (a[sl + S_HAS_CACHE] != 0 ? " +SWAP_HAS_CACHE" : " -SWAP_HAS_CACHE"));
            }
            if (b[sl + S_CACHE] != a[sl + S_CACHE]) {
                out.add(name + " swap cache " + (a[sl + S_CACHE] == 0 ? "empty" : "folio" + (a[sl + S_CACHE] - 1)));
            }
            field(out, name + " device data", b, a, sl + S_DATA);
            if (b[sl + S_MEMCG] != a[sl + S_MEMCG]) {
                out.add(name + " swap_cgroup " + memcg(l, b[sl + S_MEMCG]) + "->" + memcg(l, a[sl + S_MEMCG]));
            }
        }
        for (int m = 0; m < l.mms(); m++) {
            String name = "mm " + l.mmName(m);
            if (b[l.ptl(m)] != a[l.ptl(m)]) {
                out.add(name + (a[l.ptl(m)] == 0 ? " pte lock released" : " pte lock taken"));
            }
            for (int i = 0; i < l.vmaPages(); i++) {
                int address = l.address(m, i);
                int at = l.pteAt(m, address);
                if (b[at] != a[at]) {
                    out.add(name + " pte[" + address + "] " + new Pte(b[at]) + "->" + new Pte(a[at]));
                }
                int last = l.lastAt(m, address);
                if (b[last] != a[last]) {
                    out.add(name + " [" + address + "] written " + a[last]);
                }
            }
            if (b[l.mmExiting(m)] != a[l.mmExiting(m)]) {
                out.add(name + " exiting");
            }
        }
        for (int g = 0; g < l.memcgs(); g++) {
            String name = "memcg " + l.memcgName(g);
            field(out, name + " memory", b, a, l.memcg(g) + MEMCG_MEMORY);
            field(out, name + " " + Memcontrol.counterName(l, MEMCG_SWAP), b, a, l.memcg(g) + MEMCG_SWAP);
        }
        return out;
    }

    private static String memcg(Layout6 l, int data) {
        return data == 0 ? "none" : l.memcgName(data - 1);
    }

    private static String device(int d) {
        return switch (d) {
            case DEVICE_ON -> "on";
            case DEVICE_UNUSING -> "swapoff (unusing)";
            case DEVICE_KILLED -> "swapoff (users killed)";
            default -> "off (swap_map freed)";
        };
    }

    private static void flag(List<String> out, String name, int b, int a, int bit, String what) {
        if ((b & bit) != (a & bit)) {
            out.add(name + ((a & bit) != 0 ? " +" : " -") + what);
        }
    }

    private static void field(List<String> out, String name, int[] b, int[] a, int i) {
        if (b[i] != a[i]) {
            out.add(name + " " + b[i] + "->" + a[i]);
        }
    }
}
