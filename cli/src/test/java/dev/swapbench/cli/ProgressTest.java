package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void quietForTheFirstSecondThenOneLineRewrittenInPlaceAndErased() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        Progress p = new Progress(new PrintWriter(sw), 4, true, now::get, false);
        p.started("legacy \u00d7 R1");
        now.set(500_000_000L);
        p.tick();
        assertEquals("", sw.toString(), "nothing before a second");
        p.finished(1_500_000);
        p.started("legacy \u00d7 R2");
        now.set(1_500_000_000L);
        p.tick();
        String first = "1/4 pairs, 1,500,000 states, 1.00M states/s, checking legacy \u00d7 R2";
        assertEquals("\r" + first, sw.toString());
        p.finished(20_000);
        now.set(2_000_000_000L);
        p.tick();
        String second = "2/4 pairs, 1,520,000 states, 760.0k states/s";
        assertTrue(sw.toString().endsWith("\r" + second + " ".repeat(first.length() - second.length())),
                "the shorter line blanks out the rest of the longer one: " + sw);
        p.close();
        assertTrue(sw.toString().endsWith("\r" + " ".repeat(second.length()) + "\r"), "erased at the end: " + sw);
    }

    @Test
    void longLinesAreCutToOneTerminalLine() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        Progress p = new Progress(new PrintWriter(sw), 4, true, now::get, false);
        p.started("x".repeat(200));
        now.set(2_000_000_000L);
        p.tick();
        assertEquals(1 + Progress.WIDTH, sw.toString().length());
        assertTrue(sw.toString().endsWith("..."));
    }

    @Test
    void notATerminalNotALine() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        Progress p = new Progress(new PrintWriter(sw), 4, false, now::get, true);
        p.started("a");
        now.set(5_000_000_000L);
        p.tick();
        p.finished(10);
        p.close();
        assertEquals("", sw.toString());
    }
}
