package io.parkgate.agent.device.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.protocol.display.DisplayFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a message puts on the display's wire when its text is not what the module can show. */
class LaneDisplayFramesTest {

    private static List<DisplayFrame.Frame> onTheWire(DisplayMessage message) {
        DecodedFrames module = new DecodedFrames();
        for (byte[] f : LaneDisplay.frames(1, message)) {
            assertTrue(f.length <= 8 + DisplayFrame.MAX_PAYLOAD, "frame of " + f.length + " bytes");
            module.decoder.accept(f, 0, f.length);
        }
        assertEquals(List.of(), module.rejects, "every frame decodes with a good length and CRC");
        return module.frames;
    }

    private static void noControlBytes(DisplayFrame.Frame f) {
        int from = f.command() == DisplayFrame.SHOW ? 3 : 0;
        for (int i = from; i < f.payload().length; i++) {
            assertTrue((f.payload()[i] & 0xFF) >= 0x20 && f.payload()[i] != 0x7F,
                    String.format("control byte %02X in the text of %s", f.payload()[i] & 0xFF, f.text()));
        }
    }

    /**
     * Verifies that a newline or other control character in a name or note is not sent to the module as a raw
     * control byte (it would break the line or act as a command on many controllers): it becomes a space.
     */
    @Test
    void controlCharactersNeverReachTheWire() {
        List<DisplayFrame.Frame> frames = onTheWire(new DisplayMessage(
                List.of("粤B12345", "张\n三", "请缴费\u0007\u001b[2J5元", "\u0000"), "张\r\n三\t到", DisplayFrame.Colour.RED));
        assertEquals(5, frames.size());
        frames.forEach(LaneDisplayFramesTest::noControlBytes);
        assertEquals("张 三", frames.get(1).text());
        assertEquals("张 三 到", frames.get(4).text());
    }

    /**
     * Verifies that a letter with a combining accent is shown as the accented letter GBK has (NFC), while a
     * character GBK lacks (a rare hanzi, an emoji) becomes '?' and the rest of the text stays.
     */
    @Test
    void charactersGbkLacksBecomeAQuestionMark() {
        List<DisplayFrame.Frame> frames = onTheWire(new DisplayMessage(
                List.of("Le\u0301on", "粤𠀀12345", "😀欢迎", ""), null, DisplayFrame.Colour.GREEN));
        assertEquals(4, frames.size(), "no voice frame for a silent message");
        assertEquals("Léon", frames.get(0).text());
        assertEquals("粤?12345", frames.get(1).text());
        assertEquals("?欢迎", frames.get(2).text());
        assertEquals("", frames.get(3).text(), "an empty line blanks its line");
    }

    /** Verifies that a text longer than a frame holds is cut on a character boundary, never mid-character. */
    @Test
    void aLongTextIsCutOnACharacterBoundary() {
        String longName = "A" + "粤".repeat(300);
        List<DisplayFrame.Frame> frames = onTheWire(new DisplayMessage(List.of(longName), longName,
                DisplayFrame.Colour.GREEN));
        String shown = frames.get(0).text();
        String spoken = frames.get(4).text();
        assertTrue(longName.startsWith(shown) && shown.length() == 1 + 125, shown.length() + " characters shown");
        assertTrue(longName.startsWith(spoken) && spoken.length() == 1 + 127, spoken.length() + " characters said");
    }
}
