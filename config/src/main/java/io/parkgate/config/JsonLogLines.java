package io.parkgate.config;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the services' log lines (slf4j-simple, as {@link ServiceLogs} formats them) into JSON lines for
 * log collectors: {@code {"time":…,"level":…,"logger":…,"message":…}}, one object per line. A line that is
 * not a log record's first line (a stack trace) becomes its own object with the record's time, level and
 * logger, so nothing is lost and every line stays valid JSON.
 */
public final class JsonLogLines extends PrintStream {

    private static final Pattern RECORD = Pattern.compile("^(\\S+) \\[(\\w+)\\] (\\S+) - (.*)$");

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String time = "";
    private String level = "INFO";
    private String logger = "";

    public JsonLogLines(PrintStream target) {
        super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        this.target = target;
    }

    /** One log line (without its line break) as a JSON object. */
    public synchronized String convert(String text) {
        Matcher m = RECORD.matcher(text);
        String message = text;
        if (m.matches()) {
            time = m.group(1);
            level = m.group(2);
            logger = m.group(3);
            message = m.group(4);
        }
        return "{\"time\":" + quote(time) + ",\"level\":" + quote(level) + ",\"logger\":" + quote(logger)
                + ",\"message\":" + quote(message) + "}";
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            target.println(convert(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text));
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(buf[i]);
        }
    }

    @Override
    public void flush() {
        target.flush();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
