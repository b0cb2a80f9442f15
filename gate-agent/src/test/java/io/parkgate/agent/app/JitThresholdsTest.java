package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JitThresholdsTest {

    @Test
    void theLaunchersThresholdsAreSaidAsLowered() {
        assertEquals("JIT thresholds lowered (Tier4InvocationThreshold=100): a lane's per-car code is optimised"
                + " after about 100 cars", JitThresholds.describe(Map.of("Tier4InvocationThreshold", "100")::get));
    }

    @Test
    void theJvmsDefaultsAreSaidWithWhatTheyCost() {
        String line = JitThresholds.describe(Map.of("Tier4InvocationThreshold", "5000")::get);
        assertTrue(line.startsWith("JIT thresholds at Tier4InvocationThreshold=5000, not the launcher's"), line);
        assertTrue(line.contains("only after about 5000 cars"), line);
    }

    @Test
    void aJvmWithoutTheOptionIsSaidPlainly() {
        assertEquals("JIT threshold Tier4InvocationThreshold unknown in this JVM (null): how soon a lane's per-car"
                + " code is optimised is not known", JitThresholds.describe(name -> null));
    }

    @Test
    void thisJvmIsRead() {
        // Surefire's JVM runs with the JVM's own defaults, whatever they are on this JDK: a number is read.
        assertTrue(JitThresholds.describe().matches("JIT thresholds (lowered|at) \\(?Tier4InvocationThreshold=\\d+.*"),
                JitThresholds.describe());
    }

    /** The launcher reads the options file; the file holds only options the JVM knows (java rejects the rest). */
    @Test
    void theLauncherReadsTheOptionsFileAndTheJvmAcceptsIt() throws IOException, InterruptedException {
        Path options = Path.of("src/dist/conf/jvm.options");
        String launcher = Files.readString(Path.of("src/dist/bin/parkgate-agent"), StandardCharsets.UTF_8);
        assertTrue(launcher.contains("\"@$HERE/conf/jvm.options\""), launcher);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "@" + options.toAbsolutePath(),
                "-XX:+PrintFlagsFinal", "-version")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.matches("(?s).*\\bTier4InvocationThreshold\\s+= 100\\s+\\{product\\} \\{command line\\}.*"),
                "the file's threshold is in force");
    }
}
