package io.parkgate.agent.device.camera;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The frame door: what a camera (or an export renamed .jpg) may hand the recogniser. */
class FrameCheckTest {

    private static byte[] image(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR), format, out);
        return out.toByteArray();
    }

    /** Verifies that JPEG, PNG and BMP pass, told by their bytes, as the recogniser reads all three. */
    @Test
    void imagesTheRecogniserReadsPass() throws IOException {
        assertNull(FrameCheck.problem(image("jpg")));
        assertNull(FrameCheck.problem(image("png")));
        assertNull(FrameCheck.problem(image("bmp")));
    }

    /** Verifies that anything else is refused with its size, first bytes and what it looks like. */
    @Test
    void othersAreRefusedWithTheReason() throws IOException {
        String gif = FrameCheck.problem(image("gif"));
        assertTrue(gif.contains("not a JPEG, PNG or BMP") && gif.contains("(a GIF)"), gif);
        String text = FrameCheck.problem("hello camera".getBytes(StandardCharsets.US_ASCII));
        assertTrue(text.contains("starts with 68 65 6C 6C") && text.contains("(12 bytes)"), text);
        assertTrue(FrameCheck.problem(new byte[0]).contains("empty"));
        assertTrue(FrameCheck.problem(new byte[FrameCheck.MAX_FRAME_BYTES + 1]).contains("over the"));
    }
}
