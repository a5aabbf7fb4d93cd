package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.spi.Pte;

/**
 * The {@code stale-mapping} check on the v6 state, at every state: a present pte maps a folio whose data is not the
 * last value written at that address (a lost write, or zeros from a discarded slot), or a writable pte maps a folio
 * that another pte maps too.
 */
final class StaleMapping implements Check {
    private final Layout6 l;

    StaleMapping(Layout6 l) {
        this.l = l;
    }

    @Override
    public CheckId id() {
        return CheckId.STALE_MAPPING;
    }

    @Override
    public String violation(int[] s) {
        for (int m = 0; m < l.mms(); m++) {
            for (int i = 0; i < l.vmaPages(); i++) {
                int address = l.address(m, i);
                Pte pte = new Pte(s[l.pteAt(m, address)]);
                if (!pte.isPresent()) {
                    continue;
                }
                int f = l.frame(pte.pfn());
                int data = s[f + F_DATA];
                int last = s[l.lastAt(m, address)];
                if (data != last) {
                    return "mm " + l.mmName(m) + " address " + address + " maps folio" + pte.pfn() + " holding "
                            + data + ", but " + last + " was written there last";
                }
                if (pte.isWritable() && s[f + F_MAPCOUNT] > 1) {
                    return "mm " + l.mmName(m) + " address " + address + " maps folio" + pte.pfn()
                            + " writable while " + s[f + F_MAPCOUNT] + " ptes map it";
                }
            }
        }
        return null;
    }
}
