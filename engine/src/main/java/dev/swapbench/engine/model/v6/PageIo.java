package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.requireAllocated;
import static dev.swapbench.engine.model.v6.Bug.requireLockedBy;
import static dev.swapbench.engine.model.v6.Bug.requireSwapMap;
import static dev.swapbench.engine.model.v6.Layout6.*;

/**
 * mm/page_io.c on a {@code SWP_SYNCHRONOUS_IO}-style device: reads and writes complete within the step that starts
 * them (zram's rw_page path), so there is no I/O completion actor in the v6 model.
 */
final class PageIo {
    private final Layout6 l;

    PageIo(Layout6 l) {
        this.l = l;
    }

    /**
     * {@code swap_read_folio(folio, true)}: the slot's data as the device holds it now (0 if it was discarded) is
     * copied into the locked folio, which is marked uptodate and unlocked when the read completes.
     */
    void swapReadFolio(int[] s, int pfn, int offset, int owner) {
        requireSwapMap(l, s, "swap_read_folio");
        requireLockedBy(l, s, pfn, owner, "swap_read_folio");
        int f = l.frame(pfn);
        s[f + F_DATA] = s[l.slot(offset) + S_DATA];
        s[f + F_FLAGS] |= PG_UPTODATE;
        s[f + F_LOCK] = 0;
    }

    /** {@code pageout} → {@code swap_writepage} of a dirty swap cache folio (locked): the device gets its data. */
    void swapWritepage(int[] s, int pfn) {
        requireAllocated(l, s, pfn, "swap_writepage");
        int f = l.frame(pfn);
        if ((s[f + F_FLAGS] & PG_DIRTY) == 0) {
            return;
        }
        s[l.slot(s[f + F_SWAP]) + S_DATA] = s[f + F_DATA];
        s[f + F_FLAGS] &= ~PG_DIRTY;
    }
}
