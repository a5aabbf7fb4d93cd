package dev.swapbench.reports;

import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.run.PairResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The four reports of a comparative run, written together into one folder: {@value #HTML}, {@value #MARKDOWN},
 * {@value #JSON} and {@value #JUNIT}. The entry point for the CLI's {@code compare} and for the Maven plugin.
 *
 * <p>Writing is atomic per file: every file is first written in full to a new temporary folder next to the output
 * folder, then each is moved into place ({@code ATOMIC_MOVE}, replacing the old one), and the temporary folder is
 * removed. A run that fails or is interrupted before the moves leaves the previous report untouched; no reader ever
 * sees a half-written file. An interrupt removes the temporary folder (a shutdown hook); one left by a run that was
 * killed outright is removed by the next write into the same folder once it is {@link #STALE}.
 */
public final class ReportSet {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";
    public static final String JUNIT = "junit.xml";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One file of the set: its name and how to render it. */
    record Format(String fileName, Function<Matrix, String> renderer) {
    }

    static final List<Format> FORMATS = List.of(
            new Format(HTML, HtmlReport::render),
            new Format(MARKDOWN, MarkdownReport::render),
            new Format(JSON, JsonReport::toJson),
            new Format(JUNIT, JunitXmlReport::render));

    private ReportSet() {
    }

    /**
     * What was written.
     *
     * @param dir     the output folder
     * @param files   the files, in the order {@value #HTML}, {@value #MARKDOWN}, {@value #JSON}, {@value #JUNIT}
     * @param matrix  the view they render (its {@link Matrix#changes()} are the changes against the baseline)
     */
    public record Written(Path dir, List<Path> files, Matrix matrix) {
        /** The changes against the baseline (empty without one). */
        public List<Change> changes() {
            return matrix.changes();
        }

        /** Whether some pair regressed against the baseline. */
        public boolean regression() {
            return matrix.changes().stream().anyMatch(Change::regression);
        }
    }

    /**
     * Renders and writes the four reports into {@code outDir} (created when missing; other files in it are left
     * alone).
     *
     * @param results        the pair results, in the order they ran
     * @param meta           policies, scenarios, command, problems
     * @param baselineOrNull an earlier report to compare with (changes are shown first in every format), or null
     * @throws IOException if a file cannot be written; the previous report files are then left as they were
     */
    public static Written write(Path outDir, List<PairResult> results, Metadata meta, Baseline baselineOrNull)
            throws IOException {
        return write(outDir, results, meta, baselineOrNull, Map.of());
    }

    /**
     * As {@link #write(Path, List, Metadata, Baseline)}, with the hit rates of the violated pairs ({@code compare
     * --hit-rate}).
     *
     * @param hitRates by {@link HitRates#key}; {@code meta.extra()} should then hold {@value HitRates#META}
     */
    public static Written write(Path outDir, List<PairResult> results, Metadata meta, Baseline baselineOrNull,
                                Map<String, HitRate.Result> hitRates) throws IOException {
        Matrix m = Matrix.of(results, meta, baselineOrNull, baselineOrNull == null ? List.of()
                : baselineOrNull.changes(results), hitRates);
        return write(outDir, m, FORMATS);
    }

    static Written write(Path outDir, Matrix matrix, List<Format> formats) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": not a folder");
        }
        Path parent = out.getParent() != null ? out.getParent() : out;
        Files.createDirectories(parent);
        String name = out.getFileName() == null ? "report" : out.getFileName().toString();
        sweep(parent, name);
        Path tmp = tempDir(parent, name);
        // an interrupt (Ctrl-C) between here and the end removes the temporary folder too
        Thread cleanup = new Thread(() -> deleteQuietly(tmp), "swapbench-report-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            List<Path> staged = new ArrayList<>();
            for (Format f : formats) {
                Path file = tmp.resolve(f.fileName());
                Files.write(file, f.renderer().apply(matrix).getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                staged.add(file);
            }
            Files.createDirectories(out);
            // check every target before moving the first file, so that a target that cannot be replaced (a folder
            // of that name) fails the write while the old report is still whole
            for (Format f : formats) {
                Path target = out.resolve(f.fileName());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(target,
                        LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(target + ": is a folder; cannot replace it with the report file");
                }
            }
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < formats.size(); i++) {
                Path target = out.resolve(formats.get(i).fileName());
                move(staged.get(i), target);
                written.add(target);
            }
            return new Written(out, List.copyOf(written), matrix);
        } finally {
            deleteQuietly(tmp);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
    }

    /** A temporary folder this old was left by a run that was killed: the next run removes it. */
    static final java.time.Duration STALE = java.time.Duration.ofMinutes(10);

    /** Removes temporary folders of earlier writes into the same output folder that were killed mid-way. */
    private static void sweep(Path parent, String name) {
        long cutoff = System.currentTimeMillis() - STALE.toMillis();
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("." + name + ".tmp-")).toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing swept: the folders are harmless
        }
    }

    /** A new folder next to the output folder, named after it; with the usual permissions (not 0700). */
    private static Path tempDir(Path parent, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = parent.resolve("." + name + ".tmp-" + Long.toHexString(RANDOM.nextLong()));
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the temporary folder; a failure here must not hide the one that matters. */
    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // left behind: a dot-folder named after the output folder, harmless
        }
    }
}
