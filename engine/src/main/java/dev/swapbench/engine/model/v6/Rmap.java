package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.bug;
import static dev.swapbench.engine.model.v6.Bug.requireAllocated;
import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;

/**
 * mm/rmap.c of the folio era, reduced to what the v6 scenarios reach: one anonymous vma per mm, so the rmap walk
 * finds every pte that maps a folio (the anon_vma checks of the 2010 model are not repeated here).
 */
final class Rmap {
    private final Layout6 l;

    Rmap(Layout6 l) {
        this.l = l;
    }

    /** {@code folio_add_new_anon_rmap} / {@code folio_add_anon_rmap_pte}: one more pte maps the folio. */
    void folioAddAnonRmap(int[] s, int pfn, String function) {
        requireAllocated(l, s, pfn, function);
        int f = l.frame(pfn);
        s[f + F_MAPCOUNT]++;
        s[f + F_FLAGS] |= PG_ANON;
    }

    /** {@code folio_remove_rmap_pte}. */
    void folioRemoveRmap(int[] s, int pfn) {
        requireAllocated(l, s, pfn, "folio_remove_rmap_pte");
        int f = l.frame(pfn);
        if (s[f + F_MAPCOUNT] == 0) {
            throw bug("folio_remove_rmap_pte of folio" + pfn + ", which no pte maps");
        }
        s[f + F_MAPCOUNT]--;
    }

    /** try_to_unmap walks every mm mapping the folio and takes each pte lock: enabled while they are free. */
    boolean tryToUnmapEnabled(int[] s, int pfn) {
        for (int m = 0; m < l.mms(); m++) {
            if (s[l.ptl(m)] != 0 && mapsIn(s, m, pfn)) {
                return false;
            }
        }
        return true;
    }

    private boolean mapsIn(int[] s, int m, int pfn) {
        for (int i = 0; i < l.vmaPages(); i++) {
            Pte pte = new Pte(s[l.pteAt(m, l.address(m, i))]);
            if (pte.isPresent() && pte.pfn() == pfn) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code try_to_unmap} of a swap cache folio (locked): every pte mapping it becomes its swap entry, each taking
     * a swap_map reference and dropping the pte's folio reference. Returns 1 (the folio is unmapped).
     */
    int tryToUnmap(int[] s, int pfn) {
        int f = l.frame(pfn);
        int offset = s[f + F_SWAP];
        for (int m = 0; m < l.mms(); m++) {
            for (int i = 0; i < l.vmaPages(); i++) {
                int at = l.pteAt(m, l.address(m, i));
                Pte pte = new Pte(s[at]);
                if (pte.isPresent() && pte.pfn() == pfn) {
                    s[at] = Pte.swap(new SwapEntry(offset)).value();
                    s[l.slot(offset) + S_COUNT]++;
                    s[f + F_MAPCOUNT]--;
                    s[f + F_REF]--;
                }
            }
        }
        return 1;
    }
}
