package dev.swapbench.cli;

import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.engine.scenario.Scenario;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --hit-rate} and its budgets, shared by {@code run} and {@code compare}: for each violated pair, the
 * probability that one run hits the violation ({@link HitRate}), computed in the command's own JVM after the searches.
 */
final class HitRateOptions {
    @Option(names = "--hit-rate", description = "For each violated pair, the probability that one run hits the "
            + "violation: under a uniformly random scheduler (exact over the unbounded state graph, or estimated from "
            + "--hit-rate-runs runs past --hit-rate-states) and under PCT at --hit-rate-depth (estimated), with PCT's "
            + "guaranteed bound. Off by default: it costs seconds to minutes per violated pair. See docs/model.md.")
    boolean on;

    @Option(names = "--hit-rate-states", paramLabel = "N", defaultValue = "1000000",
            description = "With --hit-rate: the largest state graph solved exactly; past it, the rate is estimated. "
                    + "Default: ${DEFAULT-VALUE}.")
    long states;

    @Option(names = "--hit-rate-runs", paramLabel = "N", defaultValue = "10000",
            description = "With --hit-rate: random runs of each estimate. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--hit-rate-depth", paramLabel = "D", defaultValue = "3",
            description = "With --hit-rate: PCT's depth (0: no PCT figure). Default: ${DEFAULT-VALUE}.")
    int depth;

    /**
     * Usage errors: a budget out of range, or a budget given without {@code --hit-rate} (it would change nothing).
     */
    void check(CommandSpec spec) {
        if (states < 1 || runs < 1 || depth < 0) {
            throw new ParameterException(spec.commandLine(), "--hit-rate-states and --hit-rate-runs must be >= 1 and "
                    + "--hit-rate-depth >= 0, got " + states + ", " + runs + " and " + depth);
        }
        if (!on) {
            for (String o : new String[] {"--hit-rate-states", "--hit-rate-runs", "--hit-rate-depth"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new ParameterException(spec.commandLine(), o + " only applies with --hit-rate (the hit "
                            + "rate is off by default)");
                }
            }
        }
    }

    HitRate.Options options(long seed) {
        return new HitRate.Options(states, runs, seed, depth);
    }

    /**
     * The hit rates of a violated pair; a failure on the way (the policy failed, the heap, an internal error) is a
     * result with its error, named, never a stack trace.
     */
    static HitRate.Result compute(Scenario scenario, SwapFaultPolicy policy, HitRate.Options options) {
        long start = System.nanoTime();
        try {
            return HitRate.of(scenario, policy, options);
        } catch (OutOfMemoryError e) {
            return failed(start, "the heap ran out (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); lower "
                    + "--hit-rate-states, or give the JVM more heap (-Xmx)");
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return failed(start, "internal error while computing it for " + scenario.id() + " (" + scenario.origin()
                    + ") under " + policy.id() + ": " + e + "; please report it with the scenario file");
        }
    }

    private static HitRate.Result failed(long start, String why) {
        return new HitRate.Result(null, java.util.Map.of(), null, (System.nanoTime() - start) / 1e9, why);
    }
}
