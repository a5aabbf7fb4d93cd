package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSetTest {
    @TempDir
    Path dir;

    private static final List<String> NAMES = List.of("report.html", "report.md", "report.json", "junit.xml");

    @Test
    void writesTheFourFilesAndLeavesNoTemporaryFolder() throws IOException {
        Path out = dir.resolve("target/swapbench");
        ReportSet.Written w = ReportSet.write(out, ReportFixtures.results(), ReportFixtures.meta(),
                ReportFixtures.baseline());
        assertEquals(NAMES.stream().map(out::resolve).toList(), w.files());
        for (Path f : w.files()) {
            assertTrue(Files.size(f) > 100, f.toString());
        }
        assertTrue(w.regression());
        assertEquals("legacy", w.changes().get(0).policy());
        assertEquals(List.of(out), list(out.getParent()), "the temporary folder is gone");
        assertEquals(ReportFixtures.results(), JsonReport.read(out.resolve("report.json")));
        assertTrue(Files.readString(out.resolve("report.md")).startsWith("# swapbench compare\n"));
    }

    @Test
    void aTemporaryFolderLeftByAKilledRunIsSweptByTheNextWrite() throws IOException {
        Path out = dir.resolve("out");
        Path stale = Files.createDirectories(dir.resolve(".out.tmp-0123abcd"));
        Files.writeString(stale.resolve("report.html"), "half");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - ReportSet.STALE.toMillis() - 60_000));
        Path recent = Files.createDirectories(dir.resolve(".out.tmp-fedc4321"));
        ReportSet.write(out, ReportFixtures.results(), ReportFixtures.meta(), null);
        assertFalse(Files.exists(stale), "a stale temporary folder is removed");
        assertTrue(Files.exists(recent), "one that may belong to a run still writing is kept");
    }

    @Test
    void theProblemsOfARunAreErrorCasesInJunitXml() throws IOException {
        Metadata m = ReportFixtures.meta();
        Metadata withProblem = new Metadata(m.command(), m.created(), m.policies(), m.scenarios(),
                java.util.List.of("--policy-path x.jar: no policy in it"), m.extra());
        String xml = JunitXmlReport.render(Matrix.of(ReportFixtures.results(), withProblem, null));
        assertTrue(xml.contains("<testsuite name=\"policy-path\" tests=\"1\" failures=\"0\" errors=\"1\""), xml);
        assertTrue(xml.contains("<error message=\"--policy-path x.jar: no policy in it\" type=\"policy-jar\">"), xml);
    }

    @Test
    void otherFilesInTheOutputFolderAreKept() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        ReportSet.write(out, ReportFixtures.results(), ReportFixtures.meta(), null);
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void aFailureMidWriteLeavesThePreviousReportIntact() throws IOException {
        Path out = dir.resolve("out");
        ReportSet.write(out, ReportFixtures.results().subList(0, 2), ReportFixtures.meta(), null);
        Map<String, byte[]> before = snapshot(out);

        // the third renderer throws after two files were rendered and written
        List<ReportSet.Format> formats = new ArrayList<>(ReportSet.FORMATS);
        formats.set(2, new ReportSet.Format("report.json", m -> {
            throw new IllegalStateException("injected failure");
        }));
        Matrix m = Matrix.of(ReportFixtures.results(), ReportFixtures.meta(), null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReportSet.write(out, m, formats));
        assertEquals("injected failure", e.getMessage());
        assertSame(before, snapshot(out));
        assertEquals(List.of(out), list(dir), "the temporary folder is gone");
    }

    @Test
    void aTargetThatCannotBeReplacedFailsBeforeAnyFileIsMoved() throws IOException {
        Path out = dir.resolve("out");
        ReportSet.write(out, ReportFixtures.results().subList(0, 2), ReportFixtures.meta(), null);
        Files.delete(out.resolve("junit.xml"));
        Files.createDirectories(out.resolve("junit.xml/keep"));
        Map<String, byte[]> before = snapshot(out);
        IOException e = assertThrows(IOException.class, () -> ReportSet.write(out, ReportFixtures.results(),
                ReportFixtures.meta(), null));
        assertTrue(e.getMessage().contains("junit.xml: is a folder"), e.getMessage());
        assertSame(before, snapshot(out));
        assertEquals(List.of(out), list(dir));
    }

    @Test
    void anOutputPathThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> ReportSet.write(file, ReportFixtures.results(),
                ReportFixtures.meta(), null));
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k), after.get(k), k + " changed");
        }
    }

    private static Map<String, byte[]> snapshot(Path out) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(out.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
