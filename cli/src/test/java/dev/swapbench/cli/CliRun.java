package dev.swapbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One in-process run of the real command line through {@link Main#execute}: its exit code, standard output and
 * standard error.
 */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
