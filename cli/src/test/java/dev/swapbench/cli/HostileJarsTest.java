package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.reports.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile policy jars against the built-ins in forked, watched workers: every way a handler can misbehave (loop
 * without kernel calls, sleep, System.exit, Runtime.halt, overflow its stack, throw an AssertionError, allocate
 * without bound) becomes an error cell naming what happened, and every built-in pair keeps its verdict.
 *
 * <p>From the command line: build the jars as {@link #HANDLERS} shows, then
 * {@code ./swapbench compare --policy-path DIR --scenario R2 --pair-limit 15 --worker-heap 96m}; the matrix shows
 * {@code error} in every hostile column and {@code violated} for legacy.
 */
class HostileJarsTest {
    /** Each hostile policy: id -> the body of its doSwapPage after a first kernel call (lookup_swap_cache). */
    static final Map<String, String> HANDLERS = new LinkedHashMap<>();

    static {
        HANDLERS.put("loops", "while (true) { }");
        HANDLERS.put("sleeps", "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } return 0;");
        HANDLERS.put("exits", "System.exit(3); return 0;");
        HANDLERS.put("halts", "Runtime.getRuntime().halt(4); return 0;");
        HANDLERS.put("overflows", "return new Object() { int deep(int n) { return deep(n + 1) + 1; } }.deep(0);");
        HANDLERS.put("asserts", "throw new AssertionError(\"handler invariant\");");
        HANDLERS.put("allocates", "java.util.List<long[]> l = new java.util.ArrayList<>();"
                + " while (true) { l.add(new long[1 << 20]); }");
    }

    /** What each error message must say. */
    static final Map<String, List<String>> SAYS = Map.of(
            "loops", List.of("watchdog", "was killed", "after its kernel call lookup_swap_cache"),
            "sleeps", List.of("watchdog", "was killed", "after its kernel call lookup_swap_cache"),
            "exits", List.of("exited with code 3", "after its kernel call lookup_swap_cache"),
            "halts", List.of("exited with code 4", "after its kernel call lookup_swap_cache"),
            "overflows", List.of("StackOverflowError", "thread"),
            "asserts", List.of("AssertionError: handler invariant", "thread"),
            "allocates", List.of("out of memory", "inside the policy's own code"));

    @TempDir
    static Path dir;

    @BeforeAll
    static void jars() throws Exception {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        for (var e : HANDLERS.entrySet()) {
            String id = e.getKey();
            String source = """
                    package hostile;

                    import dev.swapbench.spi.*;

                    public final class %s implements SwapFaultPolicy {
                        public String id() { return "%s"; }
                        public String description() { return "a hostile handler"; }
                        public String source() { return "HostileJarsTest"; }
                        public KernelBaseline baseline() { return KernelBaseline.V2_6_36; }

                        public int doSwapPage(Kernel k, Fault f) {
                            k.lookupSwapCache(f.origPte().toSwapEntry());
                            %s
                        }
                    }
                    """.formatted(className(id), id, e.getValue());
            PolicyJars.build(jars.resolve(id + ".jar"), "hostile." + className(id), source);
        }
    }

    private static String className(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    @Test
    void everyHostilePairIsAnErrorCellNamingWhatHappenedAndTheBuiltInsKeepTheirVerdicts() {
        Path out = dir.resolve("out");
        CliRun r = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> CliRun.of("compare", "--policy-path",
                dir.resolve("jars").toString(), "--scenario", "R2", "--workers", "2", "--pair-limit", "15",
                "--worker-heap", "96m", "--out", out.toString()));
        assertEquals(2, r.code(), r.all());
        List<PairResult> results = report(out.resolve("report.json"));
        Map<String, PairResult> byPolicy = new LinkedHashMap<>();
        results.forEach(p -> byPolicy.put(p.policy(), p));
        for (String id : HANDLERS.keySet()) {
            PairResult p = byPolicy.get(id);
            assertNotNull(p, id + " missing from " + byPolicy.keySet());
            assertEquals(Verdict.ERROR, p.verdict(), id + ": " + p);
            for (String s : SAYS.get(id)) {
                assertTrue(p.error().contains(s), id + ": '" + s + "' not in: " + p.error());
            }
            assertTrue(p.error().contains(id) && p.error().contains("R2"), p.error());
        }
        assertEquals(Verdict.VIOLATED, byPolicy.get("legacy").verdict());
        for (String builtIn : List.of("andrea-recheck", "ksm-forced-write", "mainline-2.6.36", "reuse-remap")) {
            assertEquals(Verdict.CLEAN, byPolicy.get(builtIn).verdict(), builtIn);
            assertTrue(byPolicy.get(builtIn).asExpected(), builtIn);
        }
        for (String f : List.of("report.html", "report.md", "report.json", "junit.xml")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        System.out.println(r.out() + r.err());
    }

    private static List<PairResult> report(Path report) {
        try {
            return JsonReport.read(report);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
