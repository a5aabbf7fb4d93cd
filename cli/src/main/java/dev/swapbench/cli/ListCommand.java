package dev.swapbench.cli;

import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swapbench list}: the policies found and the built-in scenarios. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the policies found (built-in and --policy-path) and the built-in scenarios.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Inputs in = new Inputs(policyPath)) {
            List<SwapFaultPolicy> policies = in.catalog().sorted();
            out.println("Policies (" + policies.size() + "):");
            int w = policies.stream().mapToInt(p -> p.id().length()).max().orElse(0);
            for (SwapFaultPolicy p : policies) {
                String origin = in.origin(p);
                out.printf("  %-" + w + "s  %-8s  %s%n", p.id(), Texts.baseline(p), Texts.safe(p::description));
                out.printf("  %-" + w + "s  %-8s  source: %s%s%n", "", "", Texts.safe(p::source),
                        origin.equals("class path") ? "" : "  (from " + origin + ")");
            }
            List<Scenario> scenarios = in.corpus();
            out.println();
            out.println("Built-in scenarios (" + scenarios.size() + "):");
            if (scenarios.isEmpty()) {
                out.println("  none: the corpus is empty");
            }
            int sw = scenarios.stream().mapToInt(s -> s.id().length()).max().orElse(0);
            for (Scenario s : scenarios) {
                out.printf("  %-" + sw + "s  %s  (%s)%n", s.id(), s.title(), s.origin());
            }
            List<String> problems = in.warnings();
            if (!problems.isEmpty()) {
                out.println();
                for (String p : problems) {
                    out.println("problem: " + p);
                }
            }
        }
        out.flush();
        return 0;
    }
}
