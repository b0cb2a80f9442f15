package io.parkgate.protocol.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded vendor-shaped bodies under {@code src/test/resources/cameras} (docs/cameras.md), for the codec
 * tests here and the agent's push tests (through this module's test jar).
 */
public final class VendorSamples {

    /** Not the boundary the codec writes: a camera picks its own, and the reader must take any. */
    public static final String BOUNDARY = "MIME_boundary_7d0f2c";

    private VendorSamples() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = VendorSamples.class.getResourceAsStream("/cameras/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Hikvision ISAPI push as the camera sends it: the XML part, then the plate and scene pictures. */
    public static byte[] hikvisionMultipart(String xmlSample, boolean pictures) {
        List<Multipart.Part> parts = new ArrayList<>();
        parts.add(Multipart.Part.formData("anpr.xml", "application/xml; charset=\"UTF-8\"", bytes(xmlSample)));
        if (pictures) {
            parts.add(Multipart.Part.formData("licensePlatePicture.jpg", "image/jpeg", bytes("plate.jpg")));
            parts.add(Multipart.Part.formData("detectionPicture.jpg", "image/jpeg", bytes("scene.jpg")));
        }
        return Multipart.write(BOUNDARY, parts);
    }

    public static String hikvisionContentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }
}
