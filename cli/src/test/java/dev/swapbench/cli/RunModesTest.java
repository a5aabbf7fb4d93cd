package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --mode serial}. */
class RunModesTest {
    @TempDir
    Path dir;

    @Test
    void serialModeJudgesEveryPairCleanAndSaysSoInTheJson() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--mode", "serial", "--policy", "legacy", "--scenario", "R2", "--json",
                json.toString());
        // R2 is a race: one episode at a time, legacy keeps its data
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("legacy \u00d7 R2: CLEAN (as expected)"), r.out());
        assertTrue(r.out().contains("serial mode: whole episodes one at a time need no race"), r.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("serial", root.path("meta").path("mode").asText());
        assertEquals(0, root.path("results").get(0).path("maxPreemptions").asInt());
    }

    @Test
    void theDefaultModeInterleavesAndIsRecorded() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--json", json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("legacy \u00d7 R2: VIOLATED (as expected)"), r.out());
        assertEquals("interleaved", new ObjectMapper().readTree(json.toFile()).path("meta").path("mode").asText());
    }

    @Test
    void anUnknownModeIsAUsageErrorNamingTheModes() {
        CliRun r = CliRun.of("run", "--mode", "parallel", "--scenario", "R2");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("unknown mode 'parallel'; expected one of interleaved, serial"), r.err());
    }
}
