package io.parkgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a child process (a service run as deployed) has written to its output file so far. */
public final class ProcessOutput {

    private ProcessOutput() {
    }

    /** The file's text; empty while the process has not created it yet, so a test can poll it from the start. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
