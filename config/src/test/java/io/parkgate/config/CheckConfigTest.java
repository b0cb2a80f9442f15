package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CheckConfig.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Verifies that a good file prints "OK: N lanes" and exits 0. */
    @Test
    void goodFilePrintsOk() {
        int status = run("examples/compound-12-lanes.yaml");

        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("OK: 12 lanes"), out.toString(
                StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    /** Verifies that a bad file prints every problem with file and line, no stack trace, and exits 1. */
    @Test
    void badFilePrintsProblems(@TempDir Path dir) throws Exception {
        Path file = SiteFiles.write(dir, "bad.yaml", SiteFiles.MINIMAL.replace("direction: OUT", "direction: EXIT"));

        int status = run(file.toString());

        assertEquals(1, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(file + ":19: lanes[1].direction: found 'EXIT', expected one of IN, OUT"), text);
        assertTrue(!text.contains("\tat "), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** Verifies that a call without exactly one file prints the usage and exits 2. */
    @Test
    void wrongArgumentsPrintUsage() {
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: CheckConfig"));
    }
}
