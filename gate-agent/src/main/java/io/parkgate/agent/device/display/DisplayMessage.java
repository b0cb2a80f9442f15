package io.parkgate.agent.device.display;

import io.parkgate.protocol.display.DisplayFrame;
import java.util.List;

/**
 * What a lane display shows (up to {@link #MAX_LINES} lines) and its voice module says (null: silent).
 * Empty lines are kept: a template's line 3 stays line 3.
 */
public record DisplayMessage(List<String> lines, String voice, DisplayFrame.Colour colour) {

    public static final int MAX_LINES = 4;

    public DisplayMessage {
        lines = List.copyOf(lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines);
        voice = voice == null || voice.isBlank() ? null : voice;
    }

    /** For logs and the simulator's story: lines joined by " / ". */
    public String shown() {
        return String.join(" / ", lines.stream().filter(l -> !l.isBlank()).toList());
    }
}
