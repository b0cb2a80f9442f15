package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CarParkOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CarParkOptions parse(String... args) {
        return CarParkOptions.parse(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private int exitOf(String... args) {
        return assertThrows(CommandLines.Exit.class, () -> parse(args)).status();
    }

    /** Verifies that the defaults are those the README promises. */
    @Test
    void defaults() {
        CarParkOptions o = parse();
        assertEquals(Path.of("config/examples/compound-imaging.yaml"), o.site());
        assertEquals(Duration.ofHours(4), o.hours());
        assertEquals(10.0, o.speed());
        assertEquals(40.0, o.perHour());
        assertFalse(o.keepData());
        assertFalse(o.keepRunning());
    }

    /** Verifies that help goes to standard output, names every option, and exits 0. */
    @Test
    void helpGoesToStandardOutput() {
        assertEquals(0, exitOf("--help"));
        for (String option : new String[] {"--site", "--hours", "--speed", "--per-hour", "--seed", "--data",
            "--keep-data", "--keep-running"}) {
            assertTrue(out.toString().contains(option), option + " missing from: " + out);
        }
        assertEquals("", err.toString());
    }

    /** Verifies that values outside what the car park can run are refused with the range, not a stack trace. */
    @ParameterizedTest
    @CsvSource({"--speed, 0, 0.1 to 10", "--speed, 50, 0.1 to 10", "--hours, -1, more than 0",
        "--hours, 0, more than 0", "--hours, 1000, at most 168", "--per-hour, 0, 1 to 1000",
        "--speed, fast, 'fast'"})
    void outOfRangeValuesAreRefused(String option, String value, String expected) {
        assertEquals(2, exitOf(option, value));
        assertTrue(err.toString().contains(expected), err.toString());
        assertTrue(err.toString().contains(option), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    /** Verifies that a misspelt flag is called unknown and the right one suggested (not "needs a value"). */
    @Test
    void typoGetsASuggestion() {
        assertEquals(2, exitOf("--keep-runing"));
        assertTrue(err.toString().contains("--keep-runing"), err.toString());
        assertTrue(err.toString().contains("--keep-running"), err.toString());
        assertFalse(err.toString().contains("needs a value"), err.toString());
    }

    /** Verifies that a fresh run empties the car park's own data folder, and --keep-data keeps it. */
    @Test
    void freshRunEmptiesOnlyItsOwnFolder(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("carpark");
        Path made = parse("--data", data.toString()).prepareData();
        Files.writeString(made.resolve("central.db"), "x");
        parse("--data", data.toString(), "--keep-data").prepareData();
        assertTrue(Files.exists(data.resolve("central.db")), "--keep-data keeps the files");
        parse("--data", data.toString()).prepareData();
        assertFalse(Files.exists(data.resolve("central.db")), "a fresh run starts empty");
        assertTrue(Files.exists(data.resolve(CarParkOptions.MARKER)));
    }

    /** Verifies that a folder the car park did not make is never emptied. */
    @Test
    void foreignFolderIsNeverEmptied(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("thesis.txt"), "precious");
        CarParkOptions o = parse("--data", tmp.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, o::prepareData);
        assertTrue(e.getMessage().contains("--keep-data"), e.getMessage());
        assertTrue(Files.exists(tmp.resolve("thesis.txt")));
    }
}
