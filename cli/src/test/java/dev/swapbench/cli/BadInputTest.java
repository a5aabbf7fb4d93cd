package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.scenarios.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is blamed on the right thing: the file and place, the jar, the limit; never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path r2With(String name, String from, String to) throws IOException {
        String text = ScenarioLoader.builtInTexts().get("builtin:R2.yaml");
        assertTrue(text.contains(from), from);
        return Files.writeString(dir.resolve(name), text.replace(from, to).replace("id: R2", "id: R2-" + name
                .replace(".yaml", "")));
    }

    @Test
    void sizesTheEngineCannotHoldAreRejectedByLintAndRunWithTheirPlaceAndLimit() throws IOException {
        Path slots = r2With("slots.yaml", "swap_slots: 1", "swap_slots: 2147483647");
        Path frames = r2With("frames.yaml", "frames: 3", "frames: 100000000");
        CliRun lint = CliRun.of("lint", slots.toString(), frames.toString());
        assertEquals(1, lint.code(), lint.all());
        assertTrue(lint.all().contains(slots + ":21:15: swap_slots: 2147483647 is more than the engine holds (at most "
                + "255)"), lint.all());
        assertTrue(lint.all().contains(frames + ":20:11: frames: 100000000 is more than the engine holds (at most "
                + "1024)"), lint.all());
        CliRun run = CliRun.of("run", "--workers", "0", "--scenario", slots.toString());
        assertEquals(2, run.code(), run.all());
        assertTrue(run.err().contains(slots + ":21:15: swap_slots: 2147483647 is more than the engine holds"),
                run.err());
        assertFalse(run.all().contains("NegativeArraySize"), run.all());
    }

    @Test
    void deepNestingIsAnErrorNamingTheFileAndLintGoesOn() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("a-deep.yaml"), "id: deep\nx: " + "[".repeat(3000) + "]".repeat(3000)
                + "\n");
        Files.writeString(folder.resolve("b-good.yaml"), ScenarioLoader.builtInTexts().get("builtin:R2.yaml")
                .replace("id: R2", "id: R2-good"));
        CliRun lint = CliRun.of("lint", folder.toString());
        assertEquals(1, lint.code(), lint.all());
        assertTrue(lint.all().contains(folder.resolve("a-deep.yaml") + ":2:"), lint.all());
        assertTrue(lint.all().contains("nested more than 64 levels deep"), lint.all());
        assertTrue(lint.all().contains("ok " + folder.resolve("b-good.yaml")), lint.all());
        assertFalse(lint.all().contains("StackOverflowError"), lint.all());
    }

    @Test
    void runAndLintSayTheSameOfAFileThatIsNotUtf8() throws IOException {
        Path f = Files.write(dir.resolve("latin1.yaml"), "id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String expected = f + ":1:1: cannot read the file: not UTF-8 text";
        CliRun lint = CliRun.of("lint", f.toString());
        assertTrue(lint.all().contains(expected), lint.all());
        CliRun run = CliRun.of("run", "--workers", "0", "--scenario", f.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(expected), run.err());
    }

    @Test
    void aJarWithNoPolicyOrANullIdFailsRunAndCompareNamingTheJar() throws IOException {
        Path none = dir.resolve("no-services.jar");
        PolicyJars.build(none, "dropin.DropIn", PolicyJars.DROP_IN, false);
        Path nullId = dir.resolve("null-id.jar");
        PolicyJars.build(nullId, "dropin.DropIn", PolicyJars.DROP_IN.replace("return \"dropin-test\";",
                "return null;"));
        Path missing = dir.resolve("missing-class.jar");
        PolicyJars.buildServicesOnly(missing, "gone.Policy");
        for (Path jar : new Path[] {none, nullId, missing}) {
            CliRun run = CliRun.of("run", "--workers", "0", "--policy", "legacy", "--scenario", "R5",
                    "--policy-path", jar.toString());
            assertEquals(2, run.code(), jar + ": " + run.all());
            assertEquals(1, run.err().lines().filter(l -> l.contains(jar.toString())).count(), run.err());
            assertFalse(run.all().contains("NullPointerException"), run.all());
        }
        assertTrue(CliRun.of("run", "--workers", "0", "--policy", "legacy", "--scenario", "R5", "--policy-path",
                nullId.toString()).err().contains("dropin.DropIn.id() returned null"));
        Path out = dir.resolve("out");
        CliRun compare = CliRun.of("compare", "--workers", "0", "--scenario", "R5", "--out", out.toString(),
                "--policy-path", none.toString(), "--policy-path", nullId.toString(), "--policy-path",
                missing.toString());
        assertEquals(2, compare.code(), compare.all());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<testsuite name=\"policy-path\" tests=\"3\" failures=\"0\" errors=\"3\""), junit);
        for (Path jar : new Path[] {none, nullId, missing}) {
            assertTrue(junit.contains("--policy-path " + jar + ": "), jar + " in " + junit);
        }
    }

    @Test
    void aTimeLimitOfAnySizeWorks() {
        CliRun huge = CliRun.of("run", "--workers", "0", "--policy", "legacy", "--scenario", "R5", "--time-limit",
                "1e10");
        assertEquals(0, huge.code(), huge.all());
        assertTrue(huge.out().contains(" complete"), huge.out());
        CliRun tiny = CliRun.of("run", "--workers", "0", "--policy", "legacy", "--scenario", "R5", "--time-limit",
                "1e-12");
        assertTrue(tiny.code() <= 1, tiny.all());
        CliRun zero = CliRun.of("run", "--time-limit", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--time-limit must be a positive number of seconds"), zero.err());
    }

    @Test
    void helpNamesEveryCommandAndTheExitCodes() {
        CliRun top = CliRun.of("help");
        assertEquals(0, top.code(), top.all());
        assertTrue(top.out().contains("Exit codes:"), top.out());
        assertTrue(top.out().contains("  2  usage or input error"), top.out());
        assertTrue(top.out().contains("merge"), top.out());
        CliRun run = CliRun.of("help", "run");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("--workers=N"), run.out());
        assertEquals(2, CliRun.of("help", "no-such-command").code());
    }
}
