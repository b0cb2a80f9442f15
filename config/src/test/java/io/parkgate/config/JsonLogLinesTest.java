package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogLinesTest {

    /** Each record is one JSON object; a stack trace's lines keep the record's time, level and logger. */
    @Test
    void everyLineIsAJsonObject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream json = new JsonLogLines(new PrintStream(out, true, StandardCharsets.UTF_8));
        json.println("2026-12-05T03:11:00.123+08:00 [INFO] lane.north-in - 粤B10001 \"月卡\" entered\tok");
        json.print("2026-12-05T03:11:01.000+08:00 [ERROR] io.parkgate.X - failed\n\tat a.b(C.java:1)\r\n");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "{\"time\":\"2026-12-05T03:11:00.123+08:00\",\"level\":\"INFO\",\"logger\":\"lane.north-in\","
                        + "\"message\":\"粤B10001 \\\"月卡\\\" entered\\tok\"}",
                "{\"time\":\"2026-12-05T03:11:01.000+08:00\",\"level\":\"ERROR\",\"logger\":\"io.parkgate.X\","
                        + "\"message\":\"failed\"}",
                "{\"time\":\"2026-12-05T03:11:01.000+08:00\",\"level\":\"ERROR\",\"logger\":\"io.parkgate.X\","
                        + "\"message\":\"\\tat a.b(C.java:1)\"}"), lines);
    }
}
