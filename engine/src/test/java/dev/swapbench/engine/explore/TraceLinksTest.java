package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TraceLinks} against a plain list of (parent, ordinal) pairs, its executable spec. */
class TraceLinksTest {

    @Test
    void everyLinkReadsBackAsWritten() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            TraceLinks links = new TraceLinks();
            List<long[]> spec = new ArrayList<>();
            long parent = 0;
            int n = 1 + r.nextInt(5000);
            for (int i = 0; i < n; i++) {
                // mostly small steps, sometimes huge ones (beyond 2^32), ordinals mostly small, some wide
                parent += r.nextInt(10) == 0 ? r.nextInt(1 << 20) : r.nextInt(3);
                if (r.nextInt(1000) == 0) {
                    parent += 1L << 33;
                }
                int ordinal = r.nextInt(20) == 0 ? r.nextInt(100_000) : r.nextInt(40);
                links.add(parent, ordinal);
                spec.add(new long[] {parent, ordinal});
            }
            assertEquals(spec.size(), links.size(), "seed " + seed);
            long[] out = new long[2];
            for (int i = 0; i < spec.size(); i++) {
                links.get(i, out);
                assertArrayEquals(spec.get(i), out, "link " + i + ", seed " + seed);
            }
        }
    }

    @Test
    void aBreadthFirstLinkTakesAboutOneByte() {
        TraceLinks links = new TraceLinks();
        for (int i = 0; i < 1_000_000; i++) {
            links.add(i / 3, i % 3);
        }
        assertEquals(true, links.bytes() < 1_150_000, "bytes " + links.bytes());
    }

    @Test
    void linksJustPastTheOneByteFormReadBack() {
        TraceLinks links = new TraceLinks();
        long[][] spec = {{0, 31}, {3, 31}, {4, 0}, {8, 32}, {11, 0}, {11, 127}, {11, 128}, {15, 0}, {15, 31}};
        for (long[] l : spec) {
            links.add(l[0], (int) l[1]);
        }
        long[] out = new long[2];
        for (int i = 0; i < spec.length; i++) {
            links.get(i, out);
            assertArrayEquals(spec[i], out, "link " + i);
        }
    }

    @Test
    void aDecreasingParentIsRefused() {
        TraceLinks links = new TraceLinks();
        links.add(5, 0);
        assertThrows(IllegalArgumentException.class, () -> links.add(4, 0));
    }
}
