package dev.swapbench.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.thread.LastCall;
import dev.swapbench.scenarios.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message that crosses between a worker and its parent reads back as it was written. */
class WorkerMessagesTest {
    private static final PolicyCatalog BUILT_IN = PolicyCatalog.load(WorkerMessagesTest.class.getClassLoader());

    @Test
    void everyCorpusScenarioTravelsInAJobUnchanged() throws Exception {
        List<Scenario> corpus = ScenarioLoader.builtIn(BUILT_IN.policies().keySet());
        assertFalse(corpus.isEmpty());
        for (Scenario s : corpus) {
            WorkerJob job = new WorkerJob("legacy", null, "v2.6.35", s, 3, Duration.ofMillis(1500));
            assertEquals(job, WorkerJob.fromJson(job.toJson()), s.id());
        }
        WorkerJob noLimit = new WorkerJob("dropin", Path.of("/tmp/a b.jar").toAbsolutePath(), null, corpus.get(0),
                PairChecker.KEEP_SCENARIO_BOUND, null);
        assertEquals(noLimit, WorkerJob.fromJson(noLimit.toJson()));
    }

    @Test
    void aResultWithItsCounterexamplesTravelsUnchanged() throws Exception {
        Scenario r2 = ScenarioLoader.builtIn(BUILT_IN.policies().keySet()).stream()
                .filter(s -> s.id().equals("R2")).findFirst().orElseThrow();
        PairResult r = PairChecker.check(BUILT_IN.policies().get("legacy"), r2, PairChecker.KEEP_SCENARIO_BOUND);
        assertFalse(r.violations().isEmpty());
        String line = WorkerMain.resultLine(r);
        assertFalse(line.contains("\n"));
        assertEquals(r, WorkerMain.readResultLine(line));
        PairResult error = PairChecker.failed("p", null, r2, 2, "it died\nbadly \u00d7 \"quoted\"");
        assertEquals(error, WorkerMain.readResultLine(WorkerMain.resultLine(error)));
        assertNull(WorkerMain.readResultLine(WorkerMain.STARTED));
    }

    @Test
    void thePositionFileKeepsTheLastEpisodeAndCall(@TempDir Path dir) {
        Path f = dir.resolve("w.position");
        PositionFile p = PositionFile.open(f);
        assertNull(PositionFile.read(f));
        p.episode("legacy", "A", "read 0");
        assertEquals(new LastCall.Position("legacy", "A", "read 0", null), PositionFile.read(f));
        p.called("lock_page");
        assertEquals(new LastCall.Position("legacy", "A", "read 0", "lock_page"), PositionFile.read(f));
        p.episode("legacy", "B", "reclaim");
        assertEquals(new LastCall.Position("legacy", "B", "reclaim", null), PositionFile.read(f));
        String longName = "x".repeat(500);
        p.called(longName);
        assertEquals(longName.substring(0, PositionFile.FIELD - 1), PositionFile.read(f).function());
        p.clear();
        assertNull(PositionFile.read(f));
        assertNull(PositionFile.read(dir.resolve("missing")));
    }

    @Test
    void aPositionFileTooShortIsNoPosition(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("short"), new byte[3]);
        assertNull(PositionFile.read(f));
    }
}
