package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recognition tools' font and network options, as a person at a shell would give them wrong. */
class ToolOptionsTest {

    @TempDir
    Path dir;

    /** Verifies that a province opinion that is not a file is a usage error naming it, before anything loads. */
    @Test
    void evaluateNamesAProvinceOpinionThatIsNoFile() throws Exception {
        Result r = run(Evaluate.class, "--dir", dir.toString(), "--province-opinion", "/no/such.onnx");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("--province-opinion expects shipped, none or a network file, got "
                + "'/no/such.onnx'"), r.output());
    }

    /**
     * Verifies that compare-speed refuses a baseline that is no build of the recogniser, and a run count out of range,
     * as usage errors saying what was wrong, before it loads or times anything.
     */
    @Test
    void compareSpeedRefusesABaselineThatIsNoBuild() throws Exception {
        Result missing = run(CompareSpeed.class, "--baseline", "/no/such/classes", "--dir", dir.toString());
        assertEquals(2, missing.exit(), missing.output());
        assertTrue(missing.output().contains("--baseline /no/such/classes: not a folder"), missing.output());
        Result empty = run(CompareSpeed.class, "--baseline", dir.toString(), "--dir", dir.toString());
        assertEquals(2, empty.exit(), empty.output());
        assertTrue(empty.output().contains("holds no io/parkgate/lpr/PlateRecognizer.class"), empty.output());
        Result runs = run(CompareSpeed.class, "--baseline", dir.toString(), "--dir", dir.toString(), "--repeat", "0");
        assertEquals(2, runs.exit(), runs.output());
        assertTrue(runs.output().contains("--repeat expects 1 to 1000 runs, got 0"), runs.output());
        assertFalse(runs.output().contains("Exception"), runs.output());
    }

    /**
     * Verifies that faces that are not installed, or none at all, are usage errors naming them (not a stack trace),
     * and that --cjk-faces on a set it does not apply to is refused.
     */
    @Test
    void cjkFacesThatCannotBeDrawnAreUsageErrors() throws Exception {
        Result missing = run(GenerateSynthetic.class, "--kind", "balanced", "--count", "1", "--out",
                dir.resolve("a").toString(), "--cjk-faces", "No Such Face 1");
        assertEquals(2, missing.exit(), missing.output());
        assertTrue(missing.output().contains("--cjk-faces: font families not installed: No Such Face 1"),
                missing.output());
        Result training = run(WriteTrainingSet.class, "--synthetic", "1", "--dev", dir.toString(), "--out",
                dir.resolve("b").toString(), "--cjk-faces", "Noto Sans CJK SC,No Such Face 2");
        assertEquals(2, training.exit(), training.output());
        assertTrue(training.output().contains("--cjk-faces: font families not installed: No Such Face 2"),
                training.output());
        Result otherKind = run(GenerateSynthetic.class, "--kind", "two-vehicles", "--out", dir.resolve("c").toString(),
                "--cjk-faces", "Noto Sans CJK SC");
        assertEquals(2, otherKind.exit(), otherKind.output());
        assertTrue(otherKind.output().contains("--cjk-faces applies to --kind balanced only"), otherKind.output());
    }

    /**
     * Verifies that generate refuses to draw a set when the renderer's faces are not there (here fontconfig is shown
     * an empty folder), naming what to install, and writes nothing: java.awt would otherwise draw another face unasked,
     * or stop with an internal error.
     */
    @Test
    void generateRefusesToDrawWithoutTheRenderersFaces() throws Exception {
        Path noFonts = Files.createDirectories(dir.resolve("no-fonts"));
        Path config = dir.resolve("fonts.conf");
        Files.writeString(config, "<?xml version=\"1.0\"?>\n<fontconfig><dir>" + noFonts + "</dir><cachedir>"
                + dir.resolve("font-cache") + "</cachedir></fontconfig>\n");
        Path out = dir.resolve("set");
        Result r = run(Map.of("FONTCONFIG_FILE", config.toString()), GenerateSynthetic.class, "--kind", "two-vehicles",
                "--count", "1", "--out", out.toString());
        assertEquals(1, r.exit(), r.output());
        // java.awt may still find a face of its own beside fontconfig's none; either way the CJK faces are missing.
        assertTrue(r.output().contains("cannot draw plates in the renderer's faces: no font is installed")
                || r.output().contains("cannot draw plates in the renderer's faces: font families not installed: "
                        + "Noto Sans CJK SC"), r.output());
        assertTrue(r.output().contains("apt-get install fonts-noto-cjk fonts-dejavu-core"), r.output());
        assertFalse(r.output().contains("Exception"), r.output());
        assertFalse(Files.exists(out), "nothing written");
    }

    private record Result(int exit, String output) {
    }

    private Result run(Class<?> tool, String... args) throws IOException, InterruptedException {
        return run(Map.of(), tool, args);
    }

    private Result run(Map<String, String> env, Class<?> tool, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                tool.getName()));
        if (!env.isEmpty()) {
            // java.awt keeps what fontconfig told it under user.home/.java/fonts and trusts it later while the cache
            // folders named in it are unchanged: a run shown other fonts must not leave that for every later JVM.
            command.add(command.size() - 1, "-Duser.home=" + Files.createTempDirectory(dir, "home"));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the tool ended");
        return new Result(p.exitValue(), output);
    }
}
