package io.parkgate.config;

import java.util.Map;
import java.util.Objects;

/**
 * A lane's LED display and voice module ({@code devices.display}), spoken to in parkgate's RS-485 display
 * frame (docs/protocols.md, "Lane display and voice").
 *
 * @param kind          {@link Kind#CAMERA_SERIAL}: behind the Zhenshi camera's transparent serial channel;
 *                      {@link Kind#SERIAL}: on its own serial line or serial-device server
 * @param transport     for SERIAL: the port or {@code tcp://} serial server; null for CAMERA_SERIAL
 * @param address       the module's bus address 1..255
 * @param serialChannel for CAMERA_SERIAL: the camera's RS-485 channel (0 or 1)
 * @param spaces        the car park's spaces, for the free-space count (余位) on an entry display; 0 = not shown
 * @param templates     what is shown and said per situation, keys of {@link DisplayTemplates#KEYS}, merged
 *                      over the zh-CN defaults
 */
public record DisplayConfig(Kind kind, TransportUri transport, int address, int serialChannel, int spaces,
                            DisplayTemplates templates) {

    public enum Kind { CAMERA_SERIAL, SERIAL }

    public DisplayConfig {
        Objects.requireNonNull(kind, "kind");
        templates = templates == null ? DisplayTemplates.defaults() : templates;
    }

    /** The texts a display shows and speaks; placeholders in braces, display lines split by {@code |}. */
    public record DisplayTemplates(Map<String, String> texts) {

        /** Situations: each has a display text and a {@code …Voice} text. */
        public static final java.util.List<String> KEYS = java.util.List.of(
                "entry", "entryVoice", "entryHold", "entryHoldVoice", "exit", "exitVoice", "exitPay", "exitPayVoice",
                "exitHold", "exitHoldVoice", "idleEntry", "idleExit");

        /** The placeholders a template may use. */
        public static final java.util.List<String> PLACEHOLDERS = java.util.List.of(
                "plate", "category", "fee", "duration", "passInfo", "message", "freeSpaces");

        private static final Map<String, String> ZH_CN = Map.ofEntries(
                Map.entry("entry", "{plate}|{category}|欢迎光临|{passInfo}"),
                Map.entry("entryVoice", "{plate} {category} 欢迎光临 {passInfo}"),
                Map.entry("entryHold", "{plate}|{message}"),
                Map.entry("entryHoldVoice", "{message}"),
                Map.entry("exit", "{plate}|{category}|一路顺风|{passInfo}"),
                Map.entry("exitVoice", "{plate} 一路顺风"),
                Map.entry("exitPay", "{plate}|{category}|{duration}|请缴费{fee}"),
                Map.entry("exitPayVoice", "{category} {duration} 请缴费{fee}"),
                Map.entry("exitHold", "{plate}|{message}"),
                Map.entry("exitHoldVoice", "{message}"),
                Map.entry("idleEntry", "欢迎光临|余位 {freeSpaces}"),
                Map.entry("idleExit", "一路顺风"));

        public DisplayTemplates {
            texts = Map.copyOf(texts);
        }

        public static DisplayTemplates defaults() {
            return new DisplayTemplates(ZH_CN);
        }

        /** The zh-CN defaults with {@code overrides} put over them. */
        public static DisplayTemplates over(Map<String, String> overrides) {
            java.util.HashMap<String, String> all = new java.util.HashMap<>(ZH_CN);
            all.putAll(overrides);
            return new DisplayTemplates(all);
        }

        public String text(String key) {
            return texts.getOrDefault(key, "");
        }
    }
}
