package io.parkgate.agent.device.display;

import io.parkgate.protocol.display.DisplayFrame;

/**
 * The lane's LED display and voice module, however it is attached: behind the Zhenshi camera's serial
 * channel ({@link CameraSerialDisplay}) or on its own serial line or serial server ({@link SerialLineDisplay}).
 * Calls return at once; a display that cannot be reached drops the text (a stale greeting helps nobody).
 */
public interface LaneDisplay extends AutoCloseable {

    void show(DisplayMessage message);

    /** The entry display's free-space count (余位). */
    void freeSpaces(int spaces);

    default void start() {
    }

    @Override
    default void close() {
    }

    /**
     * The frames that put {@code message} on a display at {@code address}: every line (an empty one clears
     * what the last message left there), then the voice. Texts are made fit first ({@link DisplayableText}).
     */
    static java.util.List<byte[]> frames(int address, DisplayMessage message) {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < DisplayMessage.MAX_LINES; i++) {
            String line = i < message.lines().size() ? message.lines().get(i) : "";
            frames.add(DisplayFrame.show(address, i + 1, message.colour(), 0,
                    DisplayableText.fit(line, DisplayFrame.MAX_PAYLOAD - 3, "line " + (i + 1))));
        }
        if (message.voice() != null) {
            frames.add(DisplayFrame.speak(address,
                    DisplayableText.fit(message.voice(), DisplayFrame.MAX_PAYLOAD, "voice")));
        }
        return frames;
    }
}
