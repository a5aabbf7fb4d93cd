package dev.swapbench.cli;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.reports.CpuColumns;
import dev.swapbench.reports.ScenarioInfo;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Small formatting helpers shared by the commands. */
final class Texts {
    private Texts() {
    }

    /** A policy's text, or a note when the policy throws while answering. */
    static String safe(Supplier<String> s) {
        try {
            String v = s.get();
            return v == null ? "" : v;
        } catch (RuntimeException | LinkageError e) {
            return "(the policy threw " + e + ")";
        }
    }

    static String baseline(SwapFaultPolicy p) {
        try {
            KernelBaseline b = p.baseline();
            return b == null ? "-" : b.tag();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2fs", s);
    }

    static String bound(int maxPreemptions) {
        return maxPreemptions < 0 ? "none" : Integer.toString(maxPreemptions);
    }

    /** 12345678 as "12,345,678". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long b) {
        if (b < 10_000) {
            return b + " B";
        }
        if (b < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024.0));
    }

    /**
     * A counterexample under its check line, indented: the condensed diagram (the steps its violation depends on,
     * {@link CpuColumns#condensed}), or with {@code full} every kernel step; then the schedule.
     */
    static void counterexample(PrintWriter out, Counterexample c, Scenario s, boolean full) {
        out.println("    shortest interleaving (" + c.schedule().size() + " moves, " + c.steps().size()
                + " kernel steps)" + (full ? ":" : "; the steps the violation depends on (all of them: --full):"));
        if (full) {
            for (TraceStep step : c.steps()) {
                out.println("    " + step.render());
            }
        } else {
            for (String line : CpuColumns.condensed(c, threads(s), roles(s)).split("\n")) {
                out.println(line.isEmpty() ? "" : "    " + line);
            }
        }
        out.println("    schedule: " + String.join(" ", c.schedule()));
    }

    static List<String> threads(Scenario s) {
        return s.threads().stream().map(ThreadSpec::id).toList();
    }

    static List<String> roles(Scenario s) {
        return s.threads().stream().map(ScenarioInfo::role).toList();
    }
}
