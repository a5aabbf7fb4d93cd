package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--policy-path", jar.toString(),
                "--policy", "private-only-recheck", "--scenario", "R2", "--scenario", "R2-sept",
                "--scenario", "R2-swapoff", "--scenario", "R1");
        String text = out + "" + err;
        assertEquals(0, code, text);
        for (String scenario : new String[] {"R2", "R2-sept", "R2-swapoff", "R1"}) {
            assertTrue(text.contains("private-only-recheck × " + scenario + ": CLEAN"), text);
        }
    }
}
