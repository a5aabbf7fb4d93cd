package dev.swapbench.cli;

import dev.swapbench.reports.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code swapbench}: the top command; the work is in the subcommands. */
@Command(name = "swapbench", mixinStandardHelpOptions = true, versionProvider = SwapbenchCommand.Version.class,
        description = "Model-checks variants of the Linux swap-in fault path (do_swap_page) against race scenarios.",
        subcommands = {ListCommand.class, RunCommand.class, CompareCommand.class, MergeCommand.class, DiffCommand.class,
            ReplayCommand.class,
            BenchCommand.class, LintCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class SwapbenchCommand implements Runnable {
    private boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (never printed otherwise).")
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    boolean debug() {
        return debug;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of list, run, compare, diff, replay, lint, bench");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"swapbench " + JsonReport.toolVersion()};
        }
    }
}
