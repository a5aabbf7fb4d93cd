package dev.swapbench.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.reports.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class SwapbenchTestEngineTest {
    private static final String RES = "src/test/resources/dev/swapbench/junit/";
    private static final UniqueId ENGINE = UniqueId.forEngine("swapbench");

    /** Three of the built-in policies (more may be added), and the test folder's scenarios without the corpus. */
    private static final String POLICIES = "andrea-recheck,legacy,mainline-2.6.36";

    private static EngineTestKit.Builder kit(String folder) {
        return EngineTestKit.engine("swapbench")
                .configurationParameter("swapbench.scenarios", RES + folder)
                .configurationParameter("swapbench.includeBuiltInScenarios", "false")
                .configurationParameter("swapbench.policies", POLICIES)
                .configurationParameter("swapbench.workers", "0");
    }

    private static EngineTestKit.Builder all(String folder) {
        return kit(folder).selectors(selectUniqueId(ENGINE));
    }

    private static String failure(Event e) {
        return e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }

    private static String path(TestDescriptor d) {
        return d.getUniqueId().getSegments().stream().skip(1).map(s -> s.getType() + ":" + s.getValue())
                .collect(Collectors.joining("/"));
    }

    @Test
    void treeIsEngineThenPolicyContainersThenOneTestPerScenario() {
        var discovery = kit("ok").selectors(selectClasspathRoots(Set.of(Paths.get("target/test-classes"))))
                .discover();
        TestDescriptor engine = discovery.getEngineDescriptor();
        assertEquals("swapbench", engine.getDisplayName());
        List<String> policies = engine.getChildren().stream().map(TestDescriptor::getDisplayName).toList();
        assertEquals(List.of("andrea-recheck", "legacy", "mainline-2.6.36"), policies);
        for (TestDescriptor p : engine.getChildren()) {
            assertTrue(p.isContainer());
            assertEquals(1, p.getChildren().size());
            TestDescriptor pair = p.getChildren().iterator().next();
            assertTrue(pair.isTest());
            assertEquals("R2-mini", pair.getDisplayName());
            assertEquals("policy:" + p.getDisplayName() + "/scenario:R2-mini", path(pair));
        }
    }

    @Test
    void asExpectedPairsPassAndAnUnjudgedPairPublishesItsVerdict() {
        EngineExecutionResults r = all("ok").execute();
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        r.containerEvents().assertStatistics(s -> s.started(4).succeeded(4));
        List<Event> entries = r.allEvents().reportingEntryPublished().list();
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("andrea-recheck", entries.get(0).getTestDescriptor().getParent().orElseThrow().getDisplayName());
        ReportEntry entry = entries.get(0).getPayload(ReportEntry.class).orElseThrow();
        assertEquals("not judged: verdict clean", entry.getKeyValuePairs().get("swapbench"));
    }

    @Test
    void aPairNotAsExpectedFailsWithExpectationChecksAndCpuColumns() {
        EngineExecutionResults r = all("wrong").execute();
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        Event failed = r.testEvents().failed().list().get(0);
        assertEquals("policy:legacy/scenario:R2-wrong", path(failed.getTestDescriptor()));
        String m = failure(failed);
        assertTrue(m.startsWith("policy legacy, scenario R2-wrong: expected clean, got stale-mapping\n"), m);
        assertTrue(m.contains("(src/test/resources/dev/swapbench/junit/wrong/r2-wrong.yaml)"), m);
        assertTrue(m.contains("expected: clean (wrongly expected clean)"), m);
        assertTrue(m.contains("stale-mapping: "), m);
        assertTrue(m.contains("one column per thread"), m);
        // the condensed diagram of dev.swapbench.reports.CpuColumns: a legend naming each thread by its role, the
        // column heads in the scenario's order, the steps the violation depends on, the violating (last) one marked
        assertTrue(m.lines().anyMatch(l -> l.matches("\\s+A: mm child, write fault\\s+B: mm child, read fault.*R: reclaim.*")), m);
        assertTrue(m.lines().anyMatch(l -> l.matches("\\s+A\\s+B\\s+C\\s+R\\b.*")), m);
        assertTrue(m.lines().anyMatch(l -> l.matches("\\s+\\d+\\s+lock_page\\(B.s swap-in page\\).*")), m);
        assertTrue(m.lines().anyMatch(l -> l.matches("\\s+=>\\d+\\s+set_pte_at\\(.*")), m);
        assertTrue(m.contains("kernel steps: between two lines a thread also runs its steps not shown"), m);
        assertTrue(m.contains("schedule: "), m);
    }

    @Test
    void policyFilterKeepsOnlyTheNamedPolicies() {
        EngineExecutionResults r = all("ok").configurationParameter("swapbench.policies", "legacy").execute();
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals("policy:legacy/scenario:R2-mini",
                path(r.testEvents().succeeded().list().get(0).getTestDescriptor()));
    }

    @Test
    void unknownPolicyInTheFilterFails() {
        EngineExecutionResults r = all("ok").configurationParameter("swapbench.policies", "legacy, nope").execute();
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        String m = failure(r.testEvents().failed().list().get(0));
        assertTrue(m.contains("not found on the test class path: nope"), m);
    }

    @Test
    void withoutBuiltInPoliciesAndNoOtherNothingRunsAndTheRunFails() {
        EngineExecutionResults r = all("ok").configurationParameter("swapbench.includeBuiltInPolicies", "false")
                .execute();
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertTrue(failure(r.testEvents().failed().list().get(0)).startsWith("no policy to run"));
    }

    @Test
    void uniqueIdSelectsOnePairOrOnePolicy() {
        UniqueId pair = ENGINE.append("policy", "mainline-2.6.36").append("scenario", "R2-mini");
        EngineExecutionResults r = kit("ok").selectors(selectUniqueId(pair)).execute();
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(pair, r.testEvents().list().get(0).getTestDescriptor().getUniqueId());

        EngineExecutionResults p = kit("wrong").selectors(selectUniqueId(ENGINE.append("policy", "legacy")))
                .execute();
        p.testEvents().assertStatistics(s -> s.started(1).failed(1));
    }

    @Test
    void malformedScenarioFileFailsWithFileLineColumn() {
        EngineExecutionResults r = all("bad").execute();
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Event e = r.testEvents().failed().list().get(0);
        assertEquals("scenario-file:src/test/resources/dev/swapbench/junit/bad/broken.yaml", path(e.getTestDescriptor()));
        String m = failure(e);
        assertTrue(m.matches("src/test/resources/dev/swapbench/junit/bad/broken\\.yaml:14:\\d+: .*actoins.*"), m);
    }

    @Test
    void workerJvmsGiveTheSameOutcomesAsCheckingInProcess(@TempDir Path tmp) throws Exception {
        all("wrong").configurationParameter("swapbench.reports", tmp.resolve("in").toString()).execute();
        EngineExecutionResults forked = all("wrong").configurationParameter("swapbench.workers", "2")
                .configurationParameter("swapbench.reports", tmp.resolve("forked").toString()).execute();
        EngineExecutionResults inProcess = all("wrong").execute();
        forked.testEvents().assertStatistics(s -> s.started(inProcess.testEvents().started().count())
                .succeeded(inProcess.testEvents().succeeded().count())
                .failed(inProcess.testEvents().failed().count()));
        assertEquals(dev.swapbench.reports.JsonReport.read(tmp.resolve("in/report.json")).stream()
                        .map(r -> r.policy() + " " + r.scenario() + " " + r.verdict() + " " + r.states()).toList(),
                dev.swapbench.reports.JsonReport.read(tmp.resolve("forked/report.json")).stream()
                        .map(r -> r.policy() + " " + r.scenario() + " " + r.verdict() + " " + r.states()).toList());
    }

    @Test
    void suiteClassIsTheEngineDescriptorsSourceForSurefire() {
        TestDescriptor engine = kit("ok").selectors(selectClass(Suite.class), selectClass(NotASuite.class)).discover()
                .getEngineDescriptor();
        assertEquals(Optional.of(ClassSource.from(Suite.class)), engine.getSource());
        assertEquals(3, engine.getChildren().size());
    }

    @Test
    void suiteClassSelectsEverythingAndOtherClassesNothing() {
        kit("ok").selectors(selectClass(Suite.class)).execute()
                .testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        kit("ok").selectors(selectClass(NotASuite.class)).execute()
                .testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void classSelectorOfAPolicyClassSelectsThatPolicy() {
        EngineExecutionResults r = kit("ok").selectors(selectClass("dev.swapbench.policies.Legacy")).execute();
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void reportsAndBaseline(@TempDir Path tmp) throws Exception {
        EngineExecutionResults r = all("wrong").configurationParameter("swapbench.reports", tmp.toString()).execute();
        r.testEvents().assertStatistics(s -> s.failed(1));
        // the full report set of dev.swapbench.reports.ReportSet
        for (String name : List.of("report.html", "report.md", "report.json", "junit.xml")) {
            assertTrue(Files.isRegularFile(tmp.resolve(name)), name);
        }
        Path report = tmp.resolve("report.json");
        List<PairResult> results = JsonReport.read(report);
        Set<String> policies = results.stream().map(PairResult::policy).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("andrea-recheck", "legacy", "mainline-2.6.36"), policies);
        String md = Files.readString(tmp.resolve("report.md"));
        String html = Files.readString(tmp.resolve("report.html"));
        for (String p : policies) {
            assertTrue(md.contains(p) && html.contains(p), p);
        }
        assertTrue(md.contains("R2-wrong") && html.contains("R2-wrong"));
        String junit = Files.readString(tmp.resolve("junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"legacy\" name=\"R2-wrong\""), junit);
        assertTrue(junit.contains("failures=\"1\""), junit);

        // the known failure is in the baseline: it no longer fails, and says why
        EngineExecutionResults again = all("wrong").configurationParameter("swapbench.baseline", report.toString())
                .execute();
        again.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        assertTrue(again.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("swapbench"))
                .anyMatch(v -> v != null && v.startsWith("not as expected, as in the baseline")));

        // a baseline in which legacy was as expected: now a regression
        Path ok = tmp.resolve("ok");
        all("ok").configurationParameter("swapbench.reports", ok.toString()).execute();
        String text = Files.readString(ok.resolve("report.json")).replace("R2-mini", "R2-wrong");
        Files.writeString(ok.resolve("report.json"), text);
        Path regDir = tmp.resolve("reg");
        EngineExecutionResults reg = all("wrong").configurationParameter("swapbench.baseline",
                ok.resolve("report.json").toString()).configurationParameter("swapbench.reports", regDir.toString())
                .execute();
        reg.testEvents().assertStatistics(s -> s.started(3).failed(1));
        String m = failure(reg.testEvents().failed().list().get(0));
        assertTrue(m.startsWith("policy legacy, scenario R2-wrong: regression against the baseline: "), m);
        assertTrue(m.lines().findFirst().orElseThrow().endsWith("; expected clean, got stale-mapping"), m);
        // the reports judge the same pair a regression (dev.swapbench.reports.Baseline)
        JsonNode changes = new ObjectMapper().readTree(regDir.resolve("report.json").toFile()).get("changes");
        List<String> regressions = new ArrayList<>();
        changes.forEach(c -> {
            if (c.get("regression").asBoolean()) {
                regressions.add(c.get("policy").asText() + "/" + c.get("scenario").asText());
            }
        });
        assertEquals(List.of("legacy/R2-wrong"), regressions);
        assertTrue(Files.readString(regDir.resolve("junit.xml")).contains("type=\"regression\""));
    }

    @Test
    void unreadableBaselineFails(@TempDir Path tmp) {
        EngineExecutionResults r = all("ok").configurationParameter("swapbench.baseline",
                tmp.resolve("missing.json").toString()).execute();
        r.testEvents().assertStatistics(s -> s.failed(1));
        assertTrue(failure(r.testEvents().failed().list().get(0)).startsWith("cannot read the baseline report"));
    }

    @Test
    void badConfigurationValueFails() {
        EngineExecutionResults r = all("ok").configurationParameter("swapbench.maxPreemptions", "many").execute();
        r.testEvents().assertStatistics(s -> s.failed(1).succeeded(3));
        assertTrue(failure(r.testEvents().failed().list().get(0)).contains("swapbench.maxPreemptions"));
    }

    @Test
    void builtInCorpusIsIncludedByDefault() {
        var d = EngineTestKit.engine("swapbench").configurationParameter("swapbench.scenarios", RES + "ok")
                .configurationParameter("swapbench.policies", POLICIES)
                .selectors(selectUniqueId(ENGINE)).discover().getEngineDescriptor();
        TestDescriptor legacy = d.getChildren().stream().filter(c -> c.getDisplayName().equals("legacy")).findFirst()
                .orElseThrow();
        Set<String> scenarios = legacy.getChildren().stream().map(TestDescriptor::getDisplayName)
                .collect(Collectors.toSet());
        assertTrue(scenarios.contains("R2") && scenarios.contains("R2-mini"), scenarios.toString());
        assertFalse(d.getChildren().stream().anyMatch(c -> c.getUniqueId().getLastSegment().getType()
                .equals("problem")));
    }

    @SwapbenchSuite
    static class Suite {
    }

    static class NotASuite {
    }
}
