package dev.swapbench.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.CausalSlice;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The JSON report of a run: one object per (policy, scenario) pair. The field names are a public interface:
 *
 * <pre>
 * {"tool": "swapbench", "version": "0.1.0", "meta": {...},
 *  "results": [{"policy", "scenario", "baseline", "verdict": "clean|violated|incomplete|error",
 *               "violations": [{"check", "message", "kind" (anon-rmap only), "schedule": [...],
 *                               "trace": [{"index", "thread", "function", "call", "result", "changes": [...]}]}],
 *               "expected": [check ids] or null, "reason", "judged", "asExpected", "states", "transitions",
 *               "seconds", "complete", "maxPreemptions", "error", "stopped", "reduction",
 *               "hitRate" (with --hit-rate, violated pairs only: {@link HitRates#json})}]}
 * </pre>
 *
 * {@code meta} (free-form, whatever the caller passes) is written only when the caller passes a non-empty map.
 * {@code expected} lists check ids in {@link CheckId} order. {@code judged} is derived ({@code expected != null}) and
 * ignored on reading.
 */
public final class JsonReport {
    /** The value of the {@code tool} field. */
    public static final String TOOL = "swapbench";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();
    private static final String VERSION = loadVersion();
    private static final SecureRandom RANDOM = new SecureRandom();

    private JsonReport() {
    }

    /**
     * A report as read back.
     *
     * @param tool    always {@value #TOOL}
     * @param version the swapbench version that wrote it
     * @param meta    the free-form {@code meta} object (empty when absent)
     * @param results the pair results
     */
    public record Report(String tool, String version, Map<String, Object> meta, List<PairResult> results) {
    }

    /** The project version this build carries (from a resource filtered by Maven). */
    public static String toolVersion() {
        return VERSION;
    }

    /**
     * Writes the report atomically: to a temporary file in the same directory, then moved over {@code file}. Missing
     * parent directories are created.
     *
     * @param meta free-form values (strings, numbers, lists, maps) written under {@code meta}; null or empty: none
     */
    public static void write(Path file, List<PairResult> results, Map<String, Object> meta) throws IOException {
        write(file, results, meta, null);
    }

    /**
     * As {@link #write(Path, List, Map)}, each result with more fields: {@code extra.get(i)} (null: none) is added to
     * result i's object ({@code run --hit-rate} adds {@code hitRate}). Reading ignores them.
     */
    public static void write(Path file, List<PairResult> results, Map<String, Object> meta,
                             List<Map<String, Object>> extra) throws IOException {
        byte[] bytes = toJson(results, meta, extra).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: its files are private (0600); a report gets the usual permissions (umask)
        Path tmp = null;
        for (int attempt = 0; tmp == null; attempt++) {
            Path candidate = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong())
                    + ".tmp");
            try {
                Files.write(candidate, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                tmp = candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            } catch (IOException e) {
                Files.deleteIfExists(candidate);
                throw e;
            }
        }
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The report as JSON text (what {@link #write} puts in the file). */
    public static String toJson(List<PairResult> results, Map<String, Object> meta) {
        return toJson(results, meta, null);
    }

    /** {@link #toJson(List, Map)}, result i with the fields of {@code extra.get(i)} added (when not null). */
    public static String toJson(List<PairResult> results, Map<String, Object> meta,
                                List<Map<String, Object>> extra) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", TOOL);
        root.put("version", VERSION);
        if (meta != null && !meta.isEmpty()) {
            root.set("meta", MAPPER.valueToTree(meta));
        }
        ArrayNode rs = root.putArray("results");
        for (int i = 0; i < results.size(); i++) {
            ObjectNode n = resultNode(results.get(i));
            if (extra != null && extra.get(i) != null) {
                n.setAll((ObjectNode) MAPPER.valueToTree(extra.get(i)));
            }
            rs.add(n);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The comparative report ({@code report.json} of {@code compare} and of the Maven plugin): the same {@code tool},
     * {@code version}, {@code meta} and {@code results} as {@link #toJson(List, Map)}, plus {@code baseline} and
     * {@code changes} (only when compared with a baseline), {@code problems}, {@code policies} and {@code scenarios}.
     * The schema is {@code dev/swapbench/reports/report.schema.json}.
     */
    public static String toJson(Matrix m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", TOOL);
        root.put("version", VERSION);
        root.set("meta", MAPPER.valueToTree(m.meta().jsonMeta()));
        if (m.baseline() != null) {
            ObjectNode b = root.putObject("baseline");
            b.put("file", m.baseline().name());
            b.put("version", m.baseline().version());
            ArrayNode cs = root.putArray("changes");
            for (Change c : m.changes()) {
                ObjectNode n = cs.addObject();
                n.put("policy", c.policy());
                n.put("scenario", c.scenario());
                n.put("kind", c.kind().id());
                n.put("regression", c.regression());
                n.put("summary", c.summary());
                side(n, "before", c.before());
                side(n, "after", c.after());
            }
        }
        ArrayNode problems = root.putArray("problems");
        m.meta().problems().forEach(problems::add);
        ArrayNode ps = root.putArray("policies");
        for (PolicyInfo p : m.policies()) {
            ObjectNode n = ps.addObject();
            n.put("id", p.id());
            n.put("description", p.description());
            n.put("source", p.source());
            n.put("baseline", p.baseline());
            n.put("origin", p.origin());
        }
        ArrayNode ss = root.putArray("scenarios");
        for (ScenarioInfo s : m.scenarios()) {
            ObjectNode n = ss.addObject();
            n.put("id", s.id());
            n.put("title", s.title());
            ObjectNode prov = n.putObject("provenance");
            prov.put("kind", s.provenanceKind());
            prov.put("ref", s.provenanceRef());
            prov.put("notes", s.provenanceNotes());
            n.put("origin", s.origin());
            ArrayNode threads = n.putArray("threads");
            s.threads().forEach(threads::add);
            ArrayNode roles = n.putArray("roles");
            s.roles().forEach(roles::add);
        }
        ArrayNode rs = root.putArray("results");
        for (PairResult r : m.results()) {
            ObjectNode n = resultNode(r);
            HitRate.Result h = m.hitRate(r);
            if (h != null) {
                n.set("hitRate", MAPPER.valueToTree(HitRates.json(h)));
            }
            rs.add(n);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void side(ObjectNode parent, String name, Change.Side s) {
        if (s == null) {
            parent.putNull(name);
            return;
        }
        ObjectNode n = parent.putObject(name);
        n.put("verdict", s.verdict().id());
        ArrayNode f = n.putArray("fired");
        s.fired().forEach(f::add);
        n.put("asExpected", s.asExpected());
    }

    private static ObjectNode resultNode(PairResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("policy", r.policy());
        n.put("scenario", r.scenario());
        n.put("baseline", r.baseline());
        n.put("verdict", r.verdict().id());
        ArrayNode vs = n.putArray("violations");
        for (Counterexample c : r.violations()) {
            ObjectNode v = vs.addObject();
            v.put("check", c.check().id());
            v.put("message", c.message());
            if (c.kind() != null) {
                v.put("kind", c.kind());
            }
            ArrayNode sched = v.putArray("schedule");
            c.schedule().forEach(sched::add);
            ArrayNode causal = v.putArray("causal");
            CausalSlice.of(c).indices().forEach(causal::add);
            ArrayNode trace = v.putArray("trace");
            for (TraceStep s : c.steps()) {
                ObjectNode t = trace.addObject();
                t.put("index", s.index());
                t.put("thread", s.thread());
                t.put("function", s.function());
                t.put("call", s.call());
                t.put("result", s.result());
                ArrayNode ch = t.putArray("changes");
                s.changes().forEach(ch::add);
            }
        }
        if (r.expected() == null) {
            n.putNull("expected");
        } else {
            ArrayNode e = n.putArray("expected");
            sortedChecks(r.expected()).forEach(e::add);
        }
        n.put("reason", r.reason());
        n.put("judged", r.judged());
        n.put("asExpected", r.asExpected());
        n.put("states", r.states());
        n.put("transitions", r.transitions());
        n.put("seconds", r.seconds());
        n.put("complete", r.complete());
        n.put("maxPreemptions", r.maxPreemptions());
        n.put("error", r.error());
        n.put("stopped", r.stopped());
        n.put("reduction", r.reduction());
        return n;
    }

    private static List<String> sortedChecks(Set<String> ids) {
        List<String> l = new ArrayList<>(ids);
        l.sort(Comparator.comparingInt((String id) -> CheckId.byId(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        return l;
    }

    /**
     * Reads the results of a report written by {@link #write}.
     *
     * @throws IOException if the file cannot be read, is not JSON, or lacks a field (the message names the file and
     *                     the field's JSON path)
     */
    public static List<PairResult> read(Path file) throws IOException {
        return readReport(file).results();
    }

    /** Reads a whole report (tool, version, meta and results). */
    public static Report readReport(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IOException(file + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
                    + ": not valid JSON: " + e.getOriginalMessage());
        }
        Reader r = new Reader(file);
        if (root == null || !root.isObject()) {
            throw r.problem("$", "expected a JSON object");
        }
        String tool = r.text(root, "$", "tool", false);
        if (!TOOL.equals(tool)) {
            throw r.problem("$.tool", "expected \"" + TOOL + "\", got \"" + tool + "\": not a swapbench report");
        }
        String version = r.text(root, "$", "version", false);
        Map<String, Object> meta = new LinkedHashMap<>();
        JsonNode m = root.get("meta");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw r.problem("$.meta", "expected an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> read = MAPPER.convertValue(m, LinkedHashMap.class);
            meta.putAll(read);
        }
        JsonNode rs = r.field(root, "$", "results");
        if (!rs.isArray()) {
            throw r.problem("$.results", "expected an array");
        }
        List<PairResult> results = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            results.add(r.result(rs.get(i), "$.results[" + i + "]"));
        }
        return new Report(tool, version, Map.copyOf(meta), List.copyOf(results));
    }

    /**
     * One pair result as one line of JSON, in the form of one element of {@code results}: what a forked worker sends
     * its parent.
     */
    public static String resultLine(PairResult r) {
        try {
            return LINE.writeValueAsString(resultNode(r));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads what {@link #resultLine} wrote.
     *
     * @param source names the sender in error messages
     */
    public static PairResult readResult(String json, String source) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        return new Reader(source).result(n, "$");
    }

    /**
     * A comparative report as read back: enough to render the four reports again (what {@code swapbench merge}
     * does with the reports of several shards).
     *
     * @param meta    command, created, the other {@code meta} values, problems, policies and scenarios
     * @param results the pair results
     */
    public record Comparative(Metadata meta, List<PairResult> results, Map<String, HitRate.Result> hitRates) {
        public Comparative {
            hitRates = hitRates == null ? Map.of() : Map.copyOf(hitRates);
        }

        /** A report without hit rates. */
        public Comparative(Metadata meta, List<PairResult> results) {
            this(meta, results, Map.of());
        }
    }

    /** Reads a report written by {@link #toJson(Matrix)} ({@code report.json} of {@code compare}). */
    public static Comparative readComparative(Path file) throws IOException {
        Report report = readReport(file);
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        }
        Reader r = new Reader(file);
        List<String> problems = r.strings(root, "$", "problems");
        JsonNode ps = r.field(root, "$", "policies");
        List<PolicyInfo> policies = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            JsonNode n = ps.get(i);
            String path = "$.policies[" + i + "]";
            policies.add(new PolicyInfo(r.text(n, path, "id", false), r.text(n, path, "description", true),
                    r.text(n, path, "source", true), r.text(n, path, "baseline", true),
                    r.text(n, path, "origin", true)));
        }
        JsonNode ss = r.field(root, "$", "scenarios");
        List<ScenarioInfo> scenarios = new ArrayList<>();
        for (int i = 0; i < ss.size(); i++) {
            JsonNode n = ss.get(i);
            String path = "$.scenarios[" + i + "]";
            JsonNode prov = r.field(n, path, "provenance");
            scenarios.add(new ScenarioInfo(r.text(n, path, "id", false), r.text(n, path, "title", true),
                    r.text(prov, path + ".provenance", "kind", true), r.text(prov, path + ".provenance", "ref", true),
                    r.text(prov, path + ".provenance", "notes", true), r.text(n, path, "origin", true),
                    r.strings(n, path, "threads"), n.has("roles") ? r.strings(n, path, "roles") : List.of()));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        if (root.get("meta") != null && root.get("meta").isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = MAPPER.convertValue(root.get("meta"), LinkedHashMap.class);
            extra.putAll(m);
        }
        Object command = extra.remove("command");
        Object created = extra.remove("created");
        java.time.Instant when;
        try {
            when = created == null ? null : java.time.Instant.parse(created.toString());
        } catch (java.time.format.DateTimeParseException e) {
            throw r.problem("$.meta.created", "not an instant: " + created);
        }
        Map<String, HitRate.Result> hitRates = new LinkedHashMap<>();
        JsonNode rs = root.get("results");
        for (int i = 0; i < rs.size(); i++) {
            JsonNode h = rs.get(i).get("hitRate");
            if (h != null && !h.isNull()) {
                PairResult pr = report.results().get(i);
                hitRates.put(HitRates.key(pr.policy(), pr.scenario()), r.hitRate(h, "$.results[" + i + "].hitRate"));
            }
        }
        return new Comparative(new Metadata(command == null ? "" : command.toString(), when, policies, scenarios,
                problems, extra), report.results(), hitRates);
    }

    /** Field access with messages that name the file and the JSON path. */
    private static final class Reader {
        private final Object file;

        Reader(Object file) {
            this.file = file;
        }

        IOException problem(String path, String what) {
            return new IOException(file + ": " + path + ": " + what);
        }

        JsonNode field(JsonNode obj, String path, String name) throws IOException {
            if (obj == null || !obj.isObject()) {
                throw problem(path, "expected an object");
            }
            JsonNode v = obj.get(name);
            if (v == null) {
                throw problem(path, "missing field \"" + name + "\"");
            }
            return v;
        }

        String text(JsonNode obj, String path, String name, boolean nullable) throws IOException {
            JsonNode v = field(obj, path, name);
            if (v.isNull() && nullable) {
                return null;
            }
            if (!v.isTextual()) {
                throw problem(path + "." + name, "expected a string" + (nullable ? " or null" : ""));
            }
            return v.textValue();
        }

        long integer(JsonNode obj, String path, String name) throws IOException {
            JsonNode v = field(obj, path, name);
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw problem(path + "." + name, "expected an integer");
            }
            return v.longValue();
        }

        boolean bool(JsonNode obj, String path, String name) throws IOException {
            JsonNode v = field(obj, path, name);
            if (!v.isBoolean()) {
                throw problem(path + "." + name, "expected true or false");
            }
            return v.booleanValue();
        }

        List<String> strings(JsonNode obj, String path, String name) throws IOException {
            JsonNode v = field(obj, path, name);
            if (!v.isArray()) {
                throw problem(path + "." + name, "expected an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw problem(path + "." + name + "[" + i + "]", "expected a string");
                }
                out.add(v.get(i).textValue());
            }
            return out;
        }

        PairResult result(JsonNode n, String path) throws IOException {
            if (n == null || !n.isObject()) {
                throw problem(path, "expected an object");
            }
            String verdictId = text(n, path, "verdict", false);
            Verdict verdict = null;
            for (Verdict v : Verdict.values()) {
                if (v.id().equals(verdictId)) {
                    verdict = v;
                }
            }
            if (verdict == null) {
                throw problem(path + ".verdict", "unknown verdict \"" + verdictId
                        + "\"; expected clean, violated, incomplete or error");
            }
            JsonNode vs = field(n, path, "violations");
            if (!vs.isArray()) {
                throw problem(path + ".violations", "expected an array");
            }
            List<Counterexample> violations = new ArrayList<>();
            for (int i = 0; i < vs.size(); i++) {
                violations.add(counterexample(vs.get(i), path + ".violations[" + i + "]"));
            }
            Set<String> expected = null;
            if (!field(n, path, "expected").isNull()) {
                expected = new LinkedHashSet<>(strings(n, path, "expected"));
            }
            double seconds;
            JsonNode s = field(n, path, "seconds");
            if (!s.isNumber()) {
                throw problem(path + ".seconds", "expected a number");
            }
            seconds = s.doubleValue();
            long maxPreemptions = integer(n, path, "maxPreemptions");
            return new PairResult(text(n, path, "policy", false), text(n, path, "scenario", false),
                    text(n, path, "baseline", true), verdict, violations, expected, text(n, path, "reason", true),
                    bool(n, path, "asExpected"), integer(n, path, "states"), integer(n, path, "transitions"),
                    seconds, bool(n, path, "complete"), (int) maxPreemptions, text(n, path, "error", true),
                    n.hasNonNull("stopped") ? n.get("stopped").asText() : null,
                    n.hasNonNull("reduction") ? n.get("reduction").asText() : null);
        }

        double number(JsonNode obj, String path, String name) throws IOException {
            JsonNode v = field(obj, path, name);
            if (!v.isNumber()) {
                throw problem(path + "." + name, "expected a number");
            }
            return v.doubleValue();
        }

        /** A {@code hitRate} object ({@link HitRates#json}) as it was computed. */
        HitRate.Result hitRate(JsonNode h, String path) throws IOException {
            if (!h.isObject()) {
                throw problem(path, "expected an object");
            }
            double seconds = h.has("seconds") ? number(h, path, "seconds") : 0;
            if (h.hasNonNull("error")) {
                return new HitRate.Result(null, Map.of(), null, seconds, text(h, path, "error", false));
            }
            HitRate.Uniform any = uniform(field(h, path, "any"), path + ".any");
            Map<CheckId, HitRate.Uniform> checks = new java.util.EnumMap<>(CheckId.class);
            JsonNode cs = h.get("checks");
            if (cs != null && cs.isObject()) {
                for (var e : (Iterable<Map.Entry<String, JsonNode>>) cs::fields) {
                    String cp = path + ".checks." + e.getKey();
                    CheckId c = CheckId.byId(e.getKey()).orElseThrow(() -> problem(cp, "unknown check"));
                    checks.put(c, uniform(e.getValue(), cp));
                }
            }
            HitRate.PctRate pct = null;
            JsonNode p = h.get("pct");
            if (p != null && !p.isNull()) {
                String pp = path + ".pct";
                pct = new HitRate.PctRate((int) integer(p, pp, "depth"), integer(p, pp, "runs"),
                        integer(p, pp, "hits"), number(p, pp, "rate"), number(p, pp, "low"), number(p, pp, "high"),
                        (int) integer(p, pp, "actors"), (int) integer(p, pp, "longestRun"), number(p, pp, "bound"),
                        (int) integer(p, pp, "cut"));
            }
            return new HitRate.Result(any, checks, pct, seconds, null);
        }

        HitRate.Uniform uniform(JsonNode u, String path) throws IOException {
            boolean exact = "exact".equals(text(u, path, "method", false));
            if (exact) {
                return new HitRate.Uniform(true, number(u, path, "rate"), number(u, path, "low"),
                        number(u, path, "high"), integer(u, path, "states"), 0, 0, 0, null);
            }
            return new HitRate.Uniform(false, number(u, path, "rate"), number(u, path, "low"), number(u, path, "high"),
                    0, integer(u, path, "runs"), integer(u, path, "hits"), integer(u, path, "cut"),
                    text(u, path, "fallback", true));
        }

        Counterexample counterexample(JsonNode v, String path) throws IOException {
            if (v == null || !v.isObject()) {
                throw problem(path, "expected an object");
            }
            String checkId = text(v, path, "check", false);
            CheckId check = CheckId.byId(checkId).orElseThrow(() -> problem(path + ".check",
                    "unknown check \"" + checkId + "\""));
            JsonNode trace = field(v, path, "trace");
            if (!trace.isArray()) {
                throw problem(path + ".trace", "expected an array");
            }
            List<TraceStep> steps = new ArrayList<>();
            for (int i = 0; i < trace.size(); i++) {
                JsonNode t = trace.get(i);
                String tp = path + ".trace[" + i + "]";
                steps.add(new TraceStep((int) integer(t, tp, "index"), text(t, tp, "thread", false),
                        text(t, tp, "function", false), text(t, tp, "call", false), text(t, tp, "result", false),
                        strings(t, tp, "changes")));
            }
            JsonNode kind = v.get("kind");
            if (kind != null && !kind.isTextual()) {
                throw problem(path + ".kind", "expected a string");
            }
            return new Counterexample(check, text(v, path, "message", false), strings(v, path, "schedule"), steps,
                    kind == null ? null : kind.asText());
        }
    }

    private static String loadVersion() {
        try (InputStream in = JsonReport.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown").strip();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
