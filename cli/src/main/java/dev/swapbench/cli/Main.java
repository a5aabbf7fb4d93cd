package dev.swapbench.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of {@code swapbench}. All error handling for the command line lives here: usage errors and
 * {@link InputException}s print one message and exit 2; anything unexpected prints one line and exits 2. A stack
 * trace is printed only with {@code --debug}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given writers and returns the exit code (what {@link #main} exits with). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        SwapbenchCommand root = new SwapbenchCommand();
        CommandLine cl = commandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (Error e) { // picocli passes Errors through; still one line, no trace
            report(err, root.debug(), e);
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(SwapbenchCommand root) {
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            report(cmd.getErr(), root.debug(), ex);
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("swapbench: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            if (root.debug()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 2;
        });
        return cl;
    }

    private static void report(PrintWriter err, boolean debug, Throwable ex) {
        if (ex instanceof InputException) {
            err.println("swapbench: " + ex.getMessage());
        } else if (ex instanceof OutOfMemoryError) {
            err.println("swapbench: out of memory (" + ex.getMessage() + "); give the JVM more heap, e.g. "
                    + "JAVA_TOOL_OPTIONS=-Xmx16g, or lower bounds.max_states / --max-preemptions");
        } else {
            err.println("swapbench: internal error: " + ex
                    + (debug ? "" : " (run again with --debug for the stack trace)"));
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
    }
}
