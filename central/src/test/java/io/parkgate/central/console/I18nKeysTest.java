package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.central.auth.Role;
import io.parkgate.central.exception.ExceptionStatus;
import io.parkgate.central.note.LaneNote;
import io.parkgate.config.Direction;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.EventType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's two dictionaries against the pages: every key the pages use, literally or as a prefix plus a
 * code the system produces, has a text in zh-CN and in en, and both dictionaries have the same keys.
 */
class I18nKeysTest {

    private static final Path WEBROOT = Path.of("src/main/resources/webroot");
    /** {@code data-i18n="k"}, {@code data-i18n-ph="k"} and {@code t('k')} / {@code t('k', ...)}. */
    private static final Pattern USED = Pattern.compile(
            "data-i18n(?:-ph)?=\\\\?\"([A-Za-z0-9_.]+)\\\\?\"|\\bt\\('([A-Za-z0-9_.]+)'\\s*[,)]");

    /** Verifies that zh-CN and en have exactly the same keys, none of them empty. */
    @Test
    void bothDictionariesHaveTheSameKeys() throws IOException {
        JsonObject zh = dictionary("zh-CN");
        JsonObject en = dictionary("en");
        Set<String> onlyZh = new TreeSet<>(zh.fieldNames());
        onlyZh.removeAll(en.fieldNames());
        Set<String> onlyEn = new TreeSet<>(en.fieldNames());
        onlyEn.removeAll(zh.fieldNames());
        assertEquals(Set.of(), onlyZh, "keys only in zh-CN.json");
        assertEquals(Set.of(), onlyEn, "keys only in en.json");
        for (String k : zh.fieldNames()) {
            assertTrue(!zh.getString(k).isBlank() && !en.getString(k).isBlank(), "empty text for " + k);
        }
    }

    /** Verifies that every data-i18n key and every literal t('…') key of the pages resolves in both files. */
    @Test
    void everyKeyThePagesUseResolves() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(WEBROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")).toList()) {
                Matcher m = USED.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        assertTrue(used.size() > 100, "found the pages' keys: " + used.size());
        assertAllResolve(used);
    }

    /**
     * Verifies that every decision and alarm code the agent and central produce has its reason in both
     * languages, and so does every event type, exception status, role, direction, barrier state, shift and note kind.
     */
    @Test
    void everyCodeTheSystemProducesHasItsText() throws IOException {
        List<String> keys = new ArrayList<>();
        for (DecisionCode c : DecisionCode.values()) {
            keys.add("code." + c.name());
        }
        for (AlarmKind a : AlarmKind.values()) {
            keys.add("code." + a.name());
        }
        keys.add("code.LONG_STAY");
        for (EventType e : EventType.values()) {
            keys.add("lane.type." + e.name());
        }
        for (ExceptionStatus s : ExceptionStatus.values()) {
            keys.add("exc." + s.name());
        }
        for (Role r : Role.values()) {
            keys.add("role." + r.name());
        }
        for (Direction d : Direction.values()) {
            keys.add("dir." + d.name());
        }
        for (BarrierState b : BarrierState.values()) {
            keys.add("barrier." + b.name());
        }
        for (io.parkgate.central.shift.ShiftName n : io.parkgate.central.shift.ShiftName.values()) {
            keys.add("shift." + n.name());
        }
        for (LaneNote.Kind k : LaneNote.Kind.values()) {
            keys.add("note." + k.name());
            keys.add("note.kind." + k.name());
        }
        assertAllResolve(keys);
    }

    private static void assertAllResolve(Iterable<String> keys) throws IOException {
        JsonObject zh = dictionary("zh-CN");
        JsonObject en = dictionary("en");
        Set<String> missing = new TreeSet<>();
        for (String k : keys) {
            if (!zh.containsKey(k)) {
                missing.add("zh-CN: " + k);
            }
            if (!en.containsKey(k)) {
                missing.add("en: " + k);
            }
        }
        assertEquals(Set.of(), missing, "keys with no text");
    }

    private static JsonObject dictionary(String lang) throws IOException {
        return new JsonObject(Files.readString(WEBROOT.resolve("i18n/" + lang + ".json"), StandardCharsets.UTF_8));
    }
}
