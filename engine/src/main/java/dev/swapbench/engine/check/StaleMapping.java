package dev.swapbench.engine.check;

import static dev.swapbench.engine.model.PageFlags.PG_READ_IO;

import dev.swapbench.engine.model.Layout;
import dev.swapbench.spi.Pte;

/**
 * {@code stale-mapping}: every present pte maps the data last written at its address (unless the page's read is
 * still in flight), and a writable pte is its page's only mapping (a private anon page shared writable would let
 * one mm's store show in another).
 */
final class StaleMapping implements Check {
    private final Layout l;

    StaleMapping(Layout layout) {
        this.l = layout;
    }

    @Override
    public CheckId id() {
        return CheckId.STALE_MAPPING;
    }

    @Override
    public String violation(int[] s) {
        for (int m = 0; m < l.mms(); m++) {
            if (!l.alive(s, m)) {
                continue;
            }
            for (int address = l.vmaStart(m); address < l.vmaEnd(m); address++) {
                Pte pte = new Pte(l.pte(s, m, address));
                if (!pte.isPresent()) {
                    continue;
                }
                int pfn = pte.pfn();
                int last = l.lastWritten(s, m, address);
                if (!l.test(s, pfn, PG_READ_IO) && l.data(s, pfn) != last) {
                    return "mm " + l.mmName(m) + " address " + address + " maps page" + pfn + " holding "
                            + l.data(s, pfn) + ", but " + last + " was written there last";
                }
                if (pte.isWritable() && l.mapcount(s, pfn) > 1) {
                    return "mm " + l.mmName(m) + " address " + address + " maps page" + pfn + " writable while it has "
                            + l.mapcount(s, pfn) + " mappings (a private anon page shared)";
                }
            }
        }
        return null;
    }
}
