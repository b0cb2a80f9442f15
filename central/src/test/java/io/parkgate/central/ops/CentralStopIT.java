package io.parkgate.central.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.testing.FreePorts;
import io.parkgate.testing.ProcessOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central as its own process (CentralMain, embedded broker), stopped with SIGTERM: every line of its output
 * carries date and time, and none is a warning.
 */
class CentralStopIT {

    @TempDir
    Path dir;

    @Test
    void aCleanStopLogsNoWarning() throws Exception {
        String site = Files.readString(Path.of("..", "config", "examples", "compound-2-lanes.yaml"),
                StandardCharsets.UTF_8)
                .replaceFirst("mqttPort: 47001", "mqttPort: " + FreePorts.take())
                .replaceFirst("httpPort: 47080", "httpPort: " + FreePorts.take());
        Path siteFile = dir.resolve("site.yaml");
        Files.writeString(siteFile, site, StandardCharsets.UTF_8);
        Path secrets = dir.resolve("secrets");
        Process credentials = central(dir.resolve("credentials.log"), "lanes", "credentials", "--config",
                siteFile.toString(), "--out", secrets.toString());
        assertTrue(credentials.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, credentials.exitValue(), ProcessOutput.read(dir.resolve("credentials.log")));

        Path out = dir.resolve("central.log");
        Process central = central(out, "serve", "--config", siteFile.toString(), "--data",
                dir.resolve("data").toString(), "--secrets", secrets.resolve("central.secrets").toString(),
                "--manager", "admin", "--management-port", "0");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!ProcessOutput.read(out).contains("READY central")) {
                assertTrue(central.isAlive() && System.nanoTime() < deadline,
                        "central started:\n" + ProcessOutput.read(out));
                Thread.sleep(100); // polling another process's output
            }
            central.destroy(); // SIGTERM, as systemd stops it
            assertTrue(central.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM:\n" + ProcessOutput.read(out));
        } finally {
            central.destroyForcibly();
        }
        String text = ProcessOutput.read(out);
        assertTrue(text.contains("central stopping") && text.contains("central stopped"), text);
        assertFalse(text.contains("[WARN]") || text.contains("[ERROR]"), "a warning:\n" + text);
        Pattern stamped = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* \\[\\w+\\] ");
        List<String> unstamped = text.lines().filter(l -> !l.startsWith("READY ") && !stamped.matcher(l).find())
                .toList();
        assertEquals(List.of(), unstamped, "every log line has date and time:\n" + text);
    }

    private Process central(Path out, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.parkgate.central.CentralMain"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }
}
