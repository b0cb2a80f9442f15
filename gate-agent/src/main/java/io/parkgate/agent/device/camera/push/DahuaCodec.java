package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.device.PushProblem;
import io.parkgate.plate.PlateColour;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Dahua ITC push (docs/cameras.md): {@code POST …/NotificationInfo/TollgateInfo} with the
 * {@code Picture} JSON, and {@code …/NotificationInfo/KeepAlive}; both answered {@code {"Result":true}}.
 * Pure functions.
 */
public final class DahuaCodec {

    public static final byte[] REPLY = "{\"Result\":true}".getBytes(StandardCharsets.UTF_8);

    static final Set<String> KNOWN_PICTURE_FIELDS = Set.of("Plate", "Vehicle", "SnapInfo", "NormalPic", "CutoutPic",
            "VehiclePic");
    private static final DateTimeFormatter ACCURATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private DahuaCodec() {
    }

    /** A {@code TollgateInfo} body. */
    public static CameraPush parse(byte[] body, String contentType, ZoneId zone) throws PushRefusedException {
        String mime = PushBodies.mime(contentType);
        if (!(mime.equals("application/json") || mime.equals("text/plain") || mime.isEmpty())) {
            throw new PushRefusedException(PushProblem.WRONG_CONTENT_TYPE, "Content-Type " + contentType
                    + " is not the camera's application/json");
        }
        JsonObject root = PushBodies.json(body, "Dahua TollgateInfo");
        JsonObject picture = PushBodies.object(root, "Picture", "TollgateInfo");
        JsonObject plateObj = PushBodies.object(picture, "Plate", "Picture");
        String number = PushBodies.string(plateObj, "PlateNumber", "Picture.Plate");
        String plate = number.isBlank() || number.trim().equals("无车牌") ? null : number.trim();
        JsonObject snap = PushBodies.optionalObject(picture, "SnapInfo");
        String accurate = PushBodies.optionalString(snap, "AccurateTime");
        Instant at = null;
        if (accurate != null) {
            try {
                at = LocalDateTime.parse(accurate.trim(), ACCURATE).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                at = null;
            }
        }
        String direction = PushBodies.optionalString(snap, "Direction");
        CameraPush.Trigger trigger = direction != null && direction.toLowerCase(Locale.ROOT).contains("reverse")
                ? CameraPush.Trigger.REVERSING : CameraPush.Trigger.ARRIVAL;
        List<String> unknown = new ArrayList<>();
        for (String f : picture.fieldNames()) {
            if (!KNOWN_PICTURE_FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        String serial = PushBodies.optionalString(snap, "SnapSerialNo");
        String eventId = serial != null ? serial : (plate == null ? "none" : plate) + "@" + (accurate == null ? "?"
                : accurate);
        return new CameraPush.Recognition(eventId, plate, colour(PushBodies.optionalString(plateObj, "PlateColor")),
                PushBodies.clampConfidence(PushBodies.integer(plateObj, "Confidence", 0)), at, trigger, false,
                PushBodies.jpeg(PushBodies.optionalString(PushBodies.optionalObject(picture, "NormalPic"), "Content")),
                PushBodies.jpeg(PushBodies.optionalString(PushBodies.optionalObject(picture, "CutoutPic"), "Content")),
                unknown);
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
            case "green", "yellowgreen", "shadowgreen", "gradientgreen" -> PlateColour.GREEN;
            default -> PlateColour.UNKNOWN;
        };
    }
}
