package dev.swapbench.engine.check;

import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.model.PageFlags;
import dev.swapbench.spi.Pte;

/**
 * {@code anon-rmap}, rmap-unfindable: a present anon pte that the rmap walk from its page cannot reach (page->mapping's
 * anon_vma does not cover the mm, or page->index does not lead to the address), so try_to_unmap would leave it
 * behind. Asked where a walker could look: not while the pte's mm has its pte lock taken (the mapping thread is
 * still setting things up). A KSM page is always found: its stable node lists every pte mapping it; but not a
 * half-KSM page whose stable node stayed NULL after ksmd let it go (try_to_unmap_ksm, v2.6.35 mm/ksm.c:1613-1615,
 * returns SWAP_FAIL).
 */
final class RmapUnfindable implements Check {
    private final Layout l;

    RmapUnfindable(Layout layout) {
        this.l = layout;
    }

    /**
     * Whether a half-KSM page is still ksmd's merge in progress: ksmd holds a reference from its scan until
     * stable_tree_insert or break_cow has ended the merge (v2.6.35 mm/ksm.c:1367-1381). Without that reference it is the
     * leftover of a failed merge that 4829b906cc06 describes ("pinned until their process exits").
     */
    private boolean mergeInProgress(int[] s, int pfn) {
        return l.count(s, pfn) > l.mapcount(s, pfn) + (l.test(s, pfn, PageFlags.PG_SWAPCACHE) ? 1 : 0);
    }

    @Override
    public CheckId id() {
        return CheckId.ANON_RMAP;
    }

    @Override
    public String violation(int[] s) {
        for (int m = 0; m < l.mms(); m++) {
            if (!l.alive(s, m) || l.ptlOwner(s, m) != 0) {
                continue;
            }
            for (int address = l.vmaStart(m); address < l.vmaEnd(m); address++) {
                Pte pte = new Pte(l.pte(s, m, address));
                if (!pte.isPresent()) {
                    continue;
                }
                int pfn = pte.pfn();
                int mapping = l.mapping(s, pfn);
                if (Layout.isKsmMapping(mapping) && (mapping != Layout.MAPPING_KSM_NO_NODE || mergeInProgress(s, pfn))) {
                    continue;
                }
                int av = Layout.anonVmaOf(mapping);
                int index = l.index(s, pfn);
                if (av < 0 || !l.walkVisits(av, m) || l.vmaAddress(m, index) != address) {
                    return "rmap-unfindable: mm " + l.mmName(m) + " address " + address + " maps page" + pfn
                            + ", but page->mapping is " + l.mappingName(mapping) + " and page->index " + index
                            + (mapping == Layout.MAPPING_KSM_NO_NODE ? ": no stable node for try_to_unmap_ksm"
                            : av < 0 ? "" : !l.walkVisits(av, m) ? ": that anon_vma does not cover mm " + l.mmName(m)
                            : ": the walk looks at address " + l.vmaAddress(m, index)) + " (try_to_unmap cannot find it)";
                }
            }
        }
        return null;
    }
}
