package dev.swapbench.cli;

import dev.swapbench.reports.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code swapbench}: the top command; the work is in the subcommands. */
@Command(name = "swapbench", mixinStandardHelpOptions = true, versionProvider = SwapbenchCommand.Version.class,
        description = "Model-checks variants of the Linux swap-in fault path (do_swap_page) against race scenarios.",
        subcommands = {ListCommand.class, RunCommand.class, CompareCommand.class, MergeCommand.class, DiffCommand.class,
            ReplayCommand.class, HelpCommand.class,
            BenchCommand.class, LintCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every judged pair as expected (and, with --baseline, no regression)",
            "  1  some judged pair not as expected, or a regression against the baseline",
            "  2  usage or input error, a policy jar that could not be loaded, or a policy",
            "     that failed (an error verdict: it threw, looped, slept, exited, ran out of",
            "     memory); compare still writes its reports",
            "%nRun 'swapbench help COMMAND' for a command's options."})
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
                "missing command: one of list, run, compare, merge, diff, replay, lint, bench, help");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"swapbench " + JsonReport.toolVersion()};
        }
    }
}
