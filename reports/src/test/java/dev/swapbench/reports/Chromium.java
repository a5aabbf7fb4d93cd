package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium} package) for tests that open a report the way a person would. Missing
 * Chromium fails the test in CI ({@code CI=true}; {@code .ci/run} installs it) and skips it elsewhere.
 */
final class Chromium {
    private Chromium() {
    }

    /** What one run printed. */
    record Result(String stdout, String stderr) {
    }

    static Path binary() {
        for (String candidate : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
                "/usr/bin/chromium-browser")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String why = "chromium is not installed (apt-get install -y chromium; .ci/run does this)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why + "; skipped outside CI");
        return null;
    }

    /**
     * Runs Chromium headless on a {@code file://} page with {@code mode} ({@code --dump-dom} or
     * {@code --screenshot=FILE}). Every host name resolves to nothing ({@code --host-resolver-rules}), so whatever the
     * page or the browser tries, no request leaves the machine; a fresh profile; no background networking.
     */
    static Result run(Path page, Path scratch, String... mode) throws IOException, InterruptedException {
        return run(page.toUri().toString(), scratch, mode);
    }

    /** As {@link #run(Path, Path, String...)}, for a {@code file://} address (with a {@code #fragment}, say). */
    static Result run(String url, Path scratch, String... mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path out = scratch.resolve("chromium.out");
        Path err = scratch.resolve("chromium.err");
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND"));
        cmd.addAll(List.of(mode));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + cmd);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("chromium exited with " + p.exitValue() + ": " + cmd + "\n" + stderr);
        }
        return new Result(stdout, stderr);
    }
}
