package io.parkgate.protocol.vendor;

import io.parkgate.plate.PlateColour;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
     * @param zone     the site's zone, for a {@code dateTime} without an offset
     * @param pictures which picture parts the receiver can use
     * @throws PushRefusedException when the body cannot be read (nothing in it is used)
     */
    public static CameraPush parse(byte[] body, String contentType, ZoneId zone, PictureCheck pictures)
            throws PushRefusedException {
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
                } else if (p.body().length > 0 && pictures.usable(p.body())) {
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

    /** The multipart boundary the simulated camera writes (a real camera picks its own). */
    public static final String BOUNDARY = "MIME_boundary_parkgate";

    /** The Content-Type of {@link #anprPush}'s body. */
    public static final String MULTIPART_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /**
     * An ANPR push as the camera sends it: the {@code anpr.xml} part, then the plate and the scene JPEG when
     * present; {@code r.eventId()} is the alert's {@code UUID}, {@code r.capturedAt()} its {@code dateTime} in
     * {@code zone}. A plateless recognition says {@code 无车牌}.
     */
    public static byte[] anprPush(CameraPush.Recognition r, String cameraAddress, ZoneId zone) {
        String plate = r.plateless() ? "无车牌" : r.plate();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + alertOpen(cameraAddress, r.capturedAt(), zone, 1,
                "ANPR", "active", "ANPR") + "\n"
                + "<ANPR><country>3</country><licensePlate>" + xmlText(plate) + "</licensePlate>"
                + "<line>1</line><direction>" + (r.trigger() == CameraPush.Trigger.REVERSING ? "reverse" : "forward")
                + "</direction><confidenceLevel>" + r.confidence() + "</confidenceLevel>"
                + "<plateType>92TypeCivil</plateType><plateColor>" + r.colour().name().toLowerCase(Locale.ROOT)
                + "</plateColor><licenseBright>0</licenseBright><vehicleType>vehicle</vehicleType>"
                + "<vehicleInfo><index>1</index><color>white</color></vehicleInfo>"
                + "<originalLicensePlate>" + xmlText(plate) + "</originalLicensePlate>"
                + "<vehicleListName>otherList</vehicleListName></ANPR>\n"
                + "<UUID>" + xmlText(r.eventId()) + "</UUID></EventNotificationAlert>\n";
        List<Multipart.Part> parts = new ArrayList<>();
        parts.add(Multipart.Part.formData("anpr.xml", "application/xml; charset=\"UTF-8\"",
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (r.plateJpeg() != null) {
            parts.add(Multipart.Part.formData("licensePlatePicture.jpg", "image/jpeg", r.plateJpeg()));
        }
        if (r.sceneJpeg() != null) {
            parts.add(Multipart.Part.formData("detectionPicture.jpg", "image/jpeg", r.sceneJpeg()));
        }
        return Multipart.write(BOUNDARY, parts);
    }

    /** The periodic {@code videoloss inactive} alert the camera posts as {@code application/xml}: its heartbeat. */
    public static byte[] heartbeatAlert(String cameraAddress, Instant at, ZoneId zone) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + alertOpen(cameraAddress, at, zone, 0, "videoloss",
                "inactive", "videoloss alarm") + "</EventNotificationAlert>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String alertOpen(String address, Instant at, ZoneId zone, int posts, String type, String state,
                                    String description) {
        return "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"
                + "<ipAddress>" + xmlText(address) + "</ipAddress><portNo>80</portNo><protocol>HTTP</protocol>"
                + "<channelID>1</channelID><dateTime>"
                + (at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone).withNano(0)))
                + "</dateTime><activePostCount>" + posts + "</activePostCount><eventType>" + type + "</eventType>"
                + "<eventState>" + state + "</eventState><eventDescription>" + description + "</eventDescription>";
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
