package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete example of docs/policy-authors.md compiles, drops in, and says what the guide says it does. */
class PolicyGuideExampleTest {
    @TempDir
    Path dir;

    @Test
    void theGuidesExamplePolicyIsCleanWhereMainlineIs() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "policy-authors.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertTrue(m.find(), "the guide has a java block");
        Path jar = dir.resolve("private-only-recheck.jar");
        PolicyJars.build(jar, "org.example.swap.PrivateOnlyRecheck", m.group(1));

        CliRun run = CliRun.of("run", "--policy-path", jar.toString(), "--policy", "private-only-recheck",
                "--scenario", "R2", "--scenario", "R2-sept", "--scenario", "R2-swapoff", "--scenario", "R1");
        String text = run.all();
        assertEquals(0, run.code(), text);
        for (String scenario : new String[] {"R2", "R2-sept", "R2-swapoff", "R1"}) {
            assertTrue(text.contains("private-only-recheck × " + scenario + ": CLEAN"), text);
        }
    }
}
