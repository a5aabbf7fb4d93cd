package dev.swapbench.engine.model;

import static dev.swapbench.engine.model.PageFlags.PG_ALLOC;
import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_LRU;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPBACKED;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_UPTODATE;

import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code InitialState} turns a scenario's memory section into the first machine state, as the kernel would have
 * left it: page counts and mapcounts from the ptes, swap_map counts from the swap ptes, page->mapping from the first
 * mapper, the memcg charges and swap_cgroup records, and what each address last had written.
 */
public final class InitialState {
    private InitialState() {
    }

    public static int[] build(Scenario scenario, Layout l) {
        var mem = scenario.memory();
        int[] s = new int[l.size()];
        Map<String, Integer> pfnOf = new HashMap<>();
        List<PageSpec> pages = mem.pages();
        for (int p = 0; p < pages.size(); p++) {
            PageSpec ps = pages.get(p);
            pfnOf.put(ps.id(), p);
            int flags = PG_ALLOC | PG_UPTODATE | PG_SWAPBACKED | PG_LRU | (ps.dirty() ? PG_DIRTY : 0);
            l.setData(s, p, ps.data());
            if (ps.swapCacheSlot() >= 0) {
                flags |= PG_SWAPCACHE;
                l.setPagePrivate(s, p, ps.swapCacheSlot());
                l.addCount(s, p, 1);
                l.setHasCache(s, ps.swapCacheSlot(), true);
                l.setCachePage(s, ps.swapCacheSlot(), p);
            }
            if (ps.ksm()) {
                l.setMapping(s, p, Layout.MAPPING_KSM + p);
            } else if (ps.mappingMm() != null) {
                l.setMapping(s, p, Layout.MAPPING_ANON + l.mmIndex(ps.mappingMm()));
                l.setIndex(s, p, ps.index());
            }
            l.setFlags(s, p, flags);
        }
        for (SlotSpec sl : mem.slots()) {
            l.setDiskData(s, sl.slot(), sl.data());
        }
        for (int m = 0; m < l.mms(); m++) {
            MmSpec ms = mem.mms().get(m);
            l.setAlive(s, m, !ms.bornByFork());
            for (PteSpec pte : ms.ptes()) {
                int a = pte.address();
                if (pte.kind() == PteSpec.Kind.SWAP) {
                    l.setPte(s, m, a, Pte.swap(new SwapEntry(pte.slot())).value());
                    l.setSwapCount(s, pte.slot(), l.swapCount(s, pte.slot()) + 1);
                    int cache = l.cachePage(s, pte.slot());
                    l.setLastWritten(s, m, a, cache >= 0 ? l.data(s, cache) : l.diskData(s, pte.slot()));
                } else {
                    int p = pfnOf.get(pte.page());
                    if (l.mapping(s, p) == 0) {
                        // a mapped anon page has an anon_vma: the first mapper's (its root's, as a fork shares it)
                        l.setMapping(s, p, Layout.MAPPING_ANON + l.anonVmaRoot(m));
                        l.setIndex(s, p, l.linearPageIndex(m, a));
                    }
                    int v = Pte.mkPte(new Page(p)).value() | (pte.writable() ? 1 : 0);
                    l.setPte(s, m, a, v);
                    l.addCount(s, p, 1);
                    l.addMapcount(s, p, 1);
                    l.setLastWritten(s, m, a, l.data(s, p));
                }
            }
        }
        if (l.memcgOn()) {
            initialMemcg(s, l);
        }
        int maxData = 0;
        for (int p = 0; p < l.frames(); p++) {
            maxData = Math.max(maxData, l.data(s, p));
        }
        for (int i = 1; i <= l.slots(); i++) {
            maxData = Math.max(maxData, l.diskData(s, i));
        }
        l.setLastData(s, maxData);
        // a slot that nobody references is free: forget its contents
        for (int i = 1; i <= l.slots(); i++) {
            if (l.slotFree(s, i)) {
                l.setDiskData(s, i, 0);
            }
        }
        return s;
    }

    /**
     * Initial memcg state: a mapped page is charged (page_cgroup Used) to the first mm mapping it; an unmapped swap
     * cache page is not charged (freshly read); a slot named by swap ptes and not backing a mapped page carries a
     * swap_cgroup record for the first mm naming it (set when it was swapped out). The counters are the sums.
     */
    private static void initialMemcg(int[] s, Layout l) {
        boolean swapAccounting = l.knobs().swapAccounting();
        for (int m = 0; m < l.mms(); m++) {
            if (!l.alive(s, m)) {
                continue;
            }
            for (int a = l.vmaStart(m); a < l.vmaEnd(m); a++) {
                Pte p = new Pte(l.pte(s, m, a));
                if (p.isPresent() && l.pageCgroup(s, p.pfn()) == 0) {
                    l.setPageCgroup(s, p.pfn(), l.memcgOf(m) + 1);
                } else if (p.isSwap()) {
                    int i = p.toSwapEntry().val();
                    int cache = l.cachePage(s, i);
                    boolean backsMappedPage = cache >= 0 && l.mapcount(s, cache) > 0;
                    if (swapAccounting && !backsMappedPage && l.swapCgroup(s, i) == 0) {
                        l.setSwapCgroup(s, i, l.memcgOf(m) + 1);
                    }
                }
            }
        }
        for (int p = 0; p < l.frames(); p++) {
            int g = l.pageCgroup(s, p) - 1;
            if (g >= 0) {
                l.setCounter(s, g, Layout.RES, l.counter(s, g, Layout.RES) + 1);
                if (swapAccounting) {
                    l.setCounter(s, g, Layout.MEMSW, l.counter(s, g, Layout.MEMSW) + 1);
                }
            }
        }
        for (int i = 1; i <= l.slots(); i++) {
            int g = l.swapCgroup(s, i) - 1;
            if (g >= 0) {
                l.setCounter(s, g, Layout.MEMSW, l.counter(s, g, Layout.MEMSW) + 1);
                l.setCounter(s, g, Layout.SWAPOUT, l.counter(s, g, Layout.SWAPOUT) + 1);
            }
        }
    }
}
