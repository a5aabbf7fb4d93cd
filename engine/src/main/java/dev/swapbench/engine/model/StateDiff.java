package dev.swapbench.engine.model;

import dev.swapbench.spi.Pte;
import java.util.ArrayList;
import java.util.List;

/** {@code StateDiff} says what a step changed, in kernel terms, for traces. */
final class StateDiff {
    private StateDiff() {
    }

    static List<String> describe(Layout l, int[] before, int[] after) {
        List<String> out = new ArrayList<>();
        for (int g = 0; g < l.memcgs(); g++) {
            String name = "memcg " + l.memcgName(g);
            for (int c = Layout.RES; c <= Layout.PENDING; c++) {
                int b = l.counter(before, g, c), a = l.counter(after, g, c);
                if (b != a) {
                    out.add(name + " " + Layout.counterName(c) + " " + b + "->" + a);
                }
            }
        }
        for (int p = 0; p < l.frames(); p++) {
            if (l.sameFrame(before, after, p)) {
                continue;
            }
            String name = "page" + p;
            if (!l.allocated(before, p) && l.allocated(after, p)) {
                out.add(name + " allocated");
            } else if (l.allocated(before, p) && !l.allocated(after, p)) {
                out.add(name + " freed");
                continue;
            }
            int fb = l.flags(before, p), fa = l.flags(after, p);
            for (int b = 1; b < PageFlags.NAMES.length; b++) {
                int bit = 1 << b;
                if ((fb & bit) != (fa & bit)) {
                    out.add(name + ((fa & bit) != 0 ? " +" : " -") + PageFlags.NAMES[b]);
                }
            }
            field(out, name, "refcount", l.count(before, p), l.count(after, p));
            field(out, name, "mapcount", l.mapcount(before, p), l.mapcount(after, p));
            field(out, name, "private", l.pagePrivate(before, p), l.pagePrivate(after, p));
            if (l.mapping(before, p) != l.mapping(after, p)) {
                out.add(name + " mapping " + l.mappingName(l.mapping(before, p)) + "->" + l.mappingName(l.mapping(after, p)));
            }
            field(out, name, "index", l.index(before, p), l.index(after, p));
            field(out, name, "data", l.data(before, p), l.data(after, p));
            int cb = l.pageCgroup(before, p), ca = l.pageCgroup(after, p);
            if (cb != ca) {
                out.add(name + (ca == 0 ? " page_cgroup unused" : " page_cgroup Used by " + l.memcgName(ca - 1)));
            }
            int lb = l.lockOwner(before, p), la = l.lockOwner(after, p);
            if (lb != la) {
                out.add(name + (la == 0 ? " unlocked" : " locked" + (la == Layout.LOCK_IO ? " (read I/O)" : "")));
            }
        }
        for (int i = 1; i <= l.slots(); i++) {
            if (l.sameSlot(before, after, i)) {
                continue;
            }
            String name = "slot" + i;
            field(out, name, "count", l.swapCount(before, i), l.swapCount(after, i));
            if (l.hasCache(before, i) != l.hasCache(after, i)) {
                out.add(name + (l.hasCache(after, i) ? " +SWAP_HAS_CACHE" : " -SWAP_HAS_CACHE"));
            }
            if (l.cachePage(before, i) != l.cachePage(after, i)) {
                int p = l.cachePage(after, i);
                out.add(name + " swap cache " + (p < 0 ? "empty" : "page" + p));
            }
            field(out, name, "disk data", l.diskData(before, i), l.diskData(after, i));
            int rb = l.swapCgroup(before, i), ra = l.swapCgroup(after, i);
            if (rb != ra) {
                out.add(name + " swap_cgroup " + (ra == 0 ? "cleared" : "-> " + l.memcgName(ra - 1)));
            }
            if (l.slotFree(after, i) && !l.slotFree(before, i)) {
                out.add(name + " free");
            }
        }
        for (int m = 0; m < l.mms(); m++) {
            String name = "mm " + l.mmName(m);
            if (l.alive(before, m) != l.alive(after, m)) {
                out.add(name + (l.alive(after, m) ? " created" : " gone"));
            }
            if (l.ptlOwner(before, m) != l.ptlOwner(after, m)) {
                out.add(name + (l.ptlOwner(after, m) != 0 ? " ptl taken" : " ptl released"));
            }
            if (l.mmapWriter(before, m) != l.mmapWriter(after, m)) {
                out.add(name + (l.mmapWriter(after, m) ? " mmap_sem write-locked" : " mmap_sem released"));
            }
            for (int address = l.vmaStart(m); address < l.vmaEnd(m); address++) {
                int pb = l.pte(before, m, address), pa = l.pte(after, m, address);
                if (pb != pa) {
                    out.add(name + " pte[" + address + "] " + new Pte(pb) + "->" + new Pte(pa));
                }
                int wb = l.lastWritten(before, m, address), wa = l.lastWritten(after, m, address);
                if (wb != wa) {
                    out.add(name + " [" + address + "] " + (wa == 0 && pa == 0 ? "zapped" : "written " + wa));
                }
            }
        }
        if (l.swapOff(before) != l.swapOff(after)) {
            out.add(l.swapOff(after) ? "swap device off" : "swap device on");
        }
        return out;
    }

    private static void field(List<String> out, String name, String what, int before, int after) {
        if (before != after) {
            out.add(name + " " + what + " " + before + "->" + after);
        }
    }
}
