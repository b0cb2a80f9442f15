package io.parkgate.agent.device.camera.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded vendor-shaped bodies under {@code src/test/resources/cameras} (docs/cameras.md). */
final class Samples {

    static final String BOUNDARY = "MIME_boundary_7d0f2c";

    private Samples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/cameras/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Hikvision ISAPI push as the camera sends it: the XML part, then the plate and scene pictures. */
    static byte[] hikvisionMultipart(String xmlSample, boolean pictures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, "anpr.xml", "anpr.xml", "application/xml; charset=\"UTF-8\"", bytes(xmlSample));
        if (pictures) {
            part(out, "licensePlatePicture.jpg", "licensePlatePicture.jpg", "image/jpeg", bytes("plate.jpg"));
            part(out, "detectionPicture.jpg", "detectionPicture.jpg", "image/jpeg", bytes("scene.jpg"));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static String hikvisionContentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    private static void part(ByteArrayOutputStream out, String name, String file, String type, byte[] body) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + file + "\"\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
