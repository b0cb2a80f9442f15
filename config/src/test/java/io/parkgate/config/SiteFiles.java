package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Site files for the loader tests: a minimal valid one, and edits of it. */
final class SiteFiles {

    /** Two lanes, only required keys; line numbers matter to the tests (line 1 is {@code site:}). */
    static final String MINIMAL = """
            site:
              id: test-site
              name: 测试停车场
            tariff:
              small:
                laterPeriods: { length: 1h, price: 300 }
            lanes:
              - id: gate-in
                name: 大门入口
                direction: IN
                post: gate
                devices:
                  io:
                    transport: tcp://127.0.0.1:47101
                  camera:
                    transport: tcp://127.0.0.1:47103
              - id: gate-out
                name: 大门出口
                direction: OUT
                post: gate
                devices:
                  io:
                    transport: tcp://127.0.0.1:47111
                  cardReader:
                    transport: tcp://127.0.0.1:47112
                  camera:
                    transport: tcp://127.0.0.1:47113
            """;

    private SiteFiles() {
    }

    /** MINIMAL with the one occurrence of {@code old} replaced ({@code \n} in either means a line break). */
    static String edit(String old, String replacement) {
        String o = old.replace("\\n", "\n");
        String r = replacement.replace("\\n", "\n");
        int at = MINIMAL.indexOf(o);
        assertEquals(at, MINIMAL.lastIndexOf(o), "the text to replace must occur exactly once: " + old);
        if (at < 0) {
            throw new IllegalArgumentException("not in the minimal file: " + old);
        }
        return MINIMAL.substring(0, at) + r + MINIMAL.substring(at + o.length());
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
