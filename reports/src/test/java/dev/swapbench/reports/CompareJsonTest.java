package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json of compare, validated against report.schema.json (also the run --json report). */
class CompareJsonTest {
    @TempDir
    Path dir;

    static Schema schema() throws IOException {
        try (InputStream in = JsonReport.class.getResourceAsStream("report.schema.json")) {
            assertNotNull(in, "report.schema.json is on the class path");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        }
    }

    static List<String> validate(String json) throws IOException {
        List<String> out = new ArrayList<>();
        for (Error e : schema().validate(json, InputFormat.JSON)) {
            out.add(e.toString());
        }
        return out;
    }

    @Test
    void compareReportIsValidAndCarriesTheMetadata() throws IOException {
        String json = JsonReport.toJson(ReportFixtures.matrix());
        assertEquals(List.of(), validate(json));
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(List.of("tool", "version", "meta", "problems", "policies", "scenarios", "results"), names(root));
        assertEquals(JsonReport.toolVersion(), root.get("version").textValue());
        assertEquals("compare", root.get("meta").get("command").textValue());
        assertEquals("2026-11-25T12:00:00Z", root.get("meta").get("created").textValue());
        assertEquals(1, root.get("meta").get("maxPreemptionsOverride").intValue());
        JsonNode dropin = root.get("policies").get(2);
        assertEquals("dropin-test", dropin.get("id").textValue());
        assertEquals("/tmp/plugins/dropin.jar", dropin.get("origin").textValue());
        assertEquals(List.of("id", "description", "source", "baseline", "origin"), names(dropin));
        JsonNode r2 = root.get("scenarios").get(0);
        assertEquals("message-id", r2.get("provenance").get("kind").textValue());
        assertTrue(r2.get("provenance").get("ref").textValue().startsWith("<alpine"));
        assertEquals("Hugh's pte_same ABA", r2.get("title").textValue());
        // results: the same fields as run --json
        JsonNode r0 = root.get("results").get(0);
        assertEquals(List.of("policy", "scenario", "baseline", "verdict", "violations", "expected", "reason",
                "judged", "asExpected", "states", "transitions", "seconds", "complete", "maxPreemptions", "error",
                "stopped", "reduction"),
                names(r0));
        assertFalse(root.has("changes"), "no baseline, no changes");
    }

    @Test
    void withABaselineTheChangesComeFirstAndAreValid() throws IOException {
        String json = JsonReport.toJson(ReportFixtures.matrixWithBaseline());
        assertEquals(List.of(), validate(json));
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(List.of("tool", "version", "meta", "baseline", "changes", "problems", "policies", "scenarios",
                "results"), names(root));
        assertEquals("old/report.json", root.get("baseline").get("file").textValue());
        JsonNode first = root.get("changes").get(0);
        assertEquals("legacy", first.get("policy").textValue());
        assertEquals("R2", first.get("scenario").textValue());
        assertEquals("newly-violated", first.get("kind").textValue());
        assertTrue(first.get("regression").booleanValue());
        assertEquals("clean", first.get("before").get("verdict").textValue());
        assertEquals("stale-mapping", first.get("after").get("fired").get(0).textValue());
        JsonNode last = root.get("changes").get(root.get("changes").size() - 1);
        assertEquals("removed-pair", last.get("kind").textValue());
        assertTrue(last.get("after").isNull());
    }

    @Test
    void theRunReportIsValidToo() throws IOException {
        assertEquals(List.of(), validate(JsonReport.toJson(ReportFixtures.results(), Map.of("command", "run"))));
        assertEquals(List.of(), validate(JsonReport.toJson(JsonReportTest.fixedResults(), Map.of())));
    }

    @Test
    void theSchemaRejectsWhatItShould() throws IOException {
        assertFalse(validate("{\"tool\":\"other\",\"version\":\"1\",\"results\":[]}").isEmpty());
        String json = JsonReport.toJson(ReportFixtures.matrix());
        assertFalse(validate(json.replace("\"verdict\" : \"clean\"", "\"verdict\" : \"fine\"")).isEmpty(),
                "unknown verdict");
        assertFalse(validate(json.replace("\"maxPreemptions\" : -1", "\"maxPreemptions\" : -7")).isEmpty());
        assertFalse(validate(json.replaceFirst("\"states\" : \\d+,", "")).isEmpty(), "a required field is missing");
    }

    @Test
    void aCompareReportReadsBackAsResults() throws IOException {
        Path f = dir.resolve("report.json");
        Files.writeString(f, JsonReport.toJson(ReportFixtures.matrixWithBaseline()));
        assertEquals(ReportFixtures.results(), JsonReport.read(f));
    }

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }
}
