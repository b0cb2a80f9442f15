package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.device.PushProblem;
import io.parkgate.agent.device.camera.FrameCheck;
import io.parkgate.plate.PlateColour;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The Hikvision ISAPI event push (docs/cameras.md): {@code multipart/form-data} with the
 * {@code anpr.xml} part ({@code EventNotificationAlert}) and JPEG parts {@code licensePlatePicture.jpg}
 * and {@code detectionPicture.jpg}; or the alert alone as {@code application/xml}. Any alert other than
 * ANPR (e.g. the periodic {@code videoloss inactive}) counts as a heartbeat. Pure functions.
 */
public final class HikvisionCodec {

    static final Set<String> KNOWN_ANPR_FIELDS = Set.of("licensePlate", "line", "direction", "confidenceLevel",
            "plateType", "plateColor", "vehicleType", "vehicleInfo", "originalLicensePlate", "vehicleListName",
            "licenseBright", "country", "pictureInfoList", "detectDir", "detectType", "alarmDataType", "dwIllegalTime",
            "vehicleMonitorRegion", "plateCharBelieve", "speedLimit", "illegalInfo", "region", "laneNo",
                    "pilotsafebelt",
            "copilotsafebelt", "pilotsunvisor", "copilotsunvisor", "envprosign", "dangmark", "uphone", "pendant",
            "tissueBox", "label", "decoration", "frontChild");

    private HikvisionCodec() {
    }

    /**
     * @param zone the site's zone, for a {@code dateTime} without an offset
     * @throws PushRefusedException when the body cannot be read (nothing in it is used)
     */
    public static CameraPush parse(byte[] body, String contentType, ZoneId zone) throws PushRefusedException {
        String mime = PushBodies.mime(contentType);
        byte[] xml;
        byte[] plateJpeg = null;
        byte[] sceneJpeg = null;
        if (mime.startsWith("multipart/")) {
            String boundary = PushBodies.parameter(contentType, "boundary");
            if (boundary == null || boundary.isEmpty()) {
                throw new PushRefusedException(PushProblem.WRONG_CONTENT_TYPE, "multipart Content-Type without a "
                        + "boundary: " + contentType);
            }
            xml = null;
            for (Multipart.Part p : Multipart.split(body, boundary)) {
                String name = p.name().toLowerCase(Locale.ROOT);
                if (xml == null && (name.endsWith(".xml") || p.mime().endsWith("xml") || name.equals("anpr"))) {
                    xml = p.body();
                } else if (FrameCheck.problem(p.body()) == null) {
                    if (name.contains("licenseplate") || name.contains("plate")) {
                        plateJpeg = p.body();
                    } else if (sceneJpeg == null) {
                        sceneJpeg = p.body(); // detectionPicture.jpg, or a scene by another name
                    }
                }
            }
            if (xml == null) {
                throw new PushRefusedException(PushProblem.MALFORMED_XML, "multipart push without an XML part");
            }
        } else if (mime.equals("application/xml") || mime.equals("text/xml")) {
            xml = body;
        } else {
            throw new PushRefusedException(PushProblem.WRONG_CONTENT_TYPE, "Content-Type " + contentType
                    + " is not the camera's multipart/form-data or application/xml");
        }
        Element alert = document(xml).getDocumentElement();
        if (!local(alert).equals("EventNotificationAlert")) {
            throw new PushRefusedException(PushProblem.MALFORMED_XML, "root element <" + local(alert)
                    + ">, not <EventNotificationAlert>");
        }
        String eventType = text(alert, "eventType");
        if (eventType == null || !eventType.equalsIgnoreCase("ANPR")) {
            return new CameraPush.Heartbeat(text(alert, "ipAddress"));
        }
        Element anpr = child(alert, "ANPR");
        if (anpr == null) {
            throw new PushRefusedException(PushProblem.MISSING_FIELD, "ANPR alert without <ANPR>");
        }
        String licence = text(anpr, "licensePlate");
        if (licence == null) {
            throw new PushRefusedException(PushProblem.MISSING_FIELD, "ANPR alert without <licensePlate>");
        }
        String plate = plate(licence);
        Instant at = time(text(alert, "dateTime"), zone);
        String uuid = text(alert, "UUID");
        String eventId = uuid != null && !uuid.isBlank() ? uuid
                : (plate == null ? "none" : plate) + "@" + (at == null ? "?" : at.toEpochMilli());
        String direction = text(anpr, "direction");
        CameraPush.Trigger trigger = direction != null && direction.equalsIgnoreCase("reverse")
                ? CameraPush.Trigger.REVERSING : CameraPush.Trigger.ARRIVAL;
        List<String> unknown = new ArrayList<>();
        for (Node n = anpr.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !KNOWN_ANPR_FIELDS.contains(local(e))) {
                unknown.add(local(e));
            }
        }
        int confidence = 0;
        String c = text(anpr, "confidenceLevel");
        if (c != null && c.trim().matches("\\d{1,3}")) {
            confidence = PushBodies.clampConfidence(Long.parseLong(c.trim()));
        }
        return new CameraPush.Recognition(eventId, plate, colour(text(anpr, "plateColor")), confidence, at, trigger,
                false, sceneJpeg, plateJpeg, unknown);
    }

    static String plate(String licence) {
        String s = licence.trim();
        return s.isEmpty() || s.equals("无车牌") || s.equalsIgnoreCase("unknown") || s.equals("车牌") ? null : s;
    }

    static PlateColour colour(String c) {
        if (c == null) {
            return PlateColour.UNKNOWN;
        }
        return switch (c.trim().toLowerCase(Locale.ROOT)) {
            case "blue" -> PlateColour.BLUE;
            case "yellow" -> PlateColour.YELLOW;
            case "white" -> PlateColour.WHITE;
            case "black" -> PlateColour.BLACK;
            case "green", "newenergygreen", "yellowgreen" -> PlateColour.GREEN;
            default -> PlateColour.UNKNOWN;
        };
    }

    static Instant time(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.trim()).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Document document(byte[] xml) throws PushRefusedException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // A camera push is untrusted input: no DTDs, no external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new PushRefusedException(PushProblem.MALFORMED_XML, "anpr.xml is not well-formed XML ("
                    + PushBodies.firstLine(e.getMessage()) + ")");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local(e).equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }
}
