package io.parkgate.protocol.vendor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkgate.plate.PlateColour;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
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
    /** Where the camera posts a recognition. */
    public static final String TOLLGATE_PATH = "/NotificationInfo/TollgateInfo";
    /** Where the camera posts its keep-alive (an empty JSON object). */
    public static final String KEEP_ALIVE_PATH = "/NotificationInfo/KeepAlive";

    static final Set<String> KNOWN_PICTURE_FIELDS = Set.of("Plate", "Vehicle", "SnapInfo", "NormalPic", "CutoutPic",
            "VehiclePic");
    private static final DateTimeFormatter ACCURATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    private static final DateTimeFormatter ACCURATE_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private DahuaCodec() {
    }

    /**
     * A {@code TollgateInfo} body.
     *
     * @param zone     the site's zone: {@code AccurateTime} carries no offset
     * @param pictures which pictures the receiver can use
     */
    public static CameraPush parse(byte[] body, String contentType, ZoneId zone, PictureCheck pictures)
            throws PushRefusedException {
        String mime = PushBodies.mime(contentType);
        if (!(mime.equals("application/json") || mime.equals("text/plain") || mime.isEmpty())) {
            throw new PushRefusedException(PushProblem.WRONG_CONTENT_TYPE, "Content-Type " + contentType
                    + " is not the camera's application/json");
        }
        ObjectNode root = PushBodies.json(body, "Dahua TollgateInfo");
        ObjectNode picture = PushBodies.object(root, "Picture", "TollgateInfo");
        ObjectNode plateObj = PushBodies.object(picture, "Plate", "Picture");
        String number = PushBodies.string(plateObj, "PlateNumber", "Picture.Plate");
        String plate = number.isBlank() || number.trim().equals("无车牌") ? null : number.trim();
        ObjectNode snap = PushBodies.optionalObject(picture, "SnapInfo");
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
        for (String f : PushBodies.fieldNames(picture)) {
            if (!KNOWN_PICTURE_FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        String serial = PushBodies.optionalString(snap, "SnapSerialNo");
        String eventId = serial != null ? serial : (plate == null ? "none" : plate) + "@" + (accurate == null ? "?"
                : accurate);
        return new CameraPush.Recognition(eventId, plate, colour(PushBodies.optionalString(plateObj, "PlateColor")),
                PushBodies.clampConfidence(PushBodies.integer(plateObj, "Confidence", 0)), at, trigger, false,
                PushBodies.picture(PushBodies.optionalString(PushBodies.optionalObject(picture, "NormalPic"),
                        "Content"), pictures),
                PushBodies.picture(PushBodies.optionalString(PushBodies.optionalObject(picture, "CutoutPic"),
                        "Content"), pictures),
                unknown);
    }

    /**
     * A {@code TollgateInfo} body as the camera posts it: {@code r.eventId()} is its {@code SnapSerialNo},
     * {@code r.capturedAt()} its {@code AccurateTime} in {@code zone}; a plateless recognition has an empty
     * {@code PlateNumber}.
     */
    public static byte[] tollgateBody(CameraPush.Recognition r, ZoneId zone) {
        ObjectNode root = PushBodies.newObject();
        ObjectNode picture = root.putObject("Picture");
        String colour = r.colour().name().charAt(0) + r.colour().name().substring(1).toLowerCase(Locale.ROOT);
        ObjectNode plate = picture.putObject("Plate").put("PlateNumber", r.plateless() ? "" : r.plate())
                .put("PlateColor", colour).put("PlateType", "Normal").put("Confidence", r.confidence())
                .put("Channel", 0);
        plate.putArray("BoundingBox").add(1204).add(1420).add(1486).add(1498);
        picture.putObject("Vehicle").put("VehicleColor", "White").put("VehicleType", "SaloonCar");
        ObjectNode snap = picture.putObject("SnapInfo");
        if (r.capturedAt() != null) {
            snap.put("AccurateTime", ACCURATE_OUT.format(r.capturedAt().atZone(zone)));
        }
        snap.put("Direction", r.trigger() == CameraPush.Trigger.REVERSING ? "Reverse" : "Obverse")
                .put("AllowUser", false).put("BlockUser", false).put("TriggerSource", "Video")
                .put("SnapSerialNo", r.eventId());
        if (r.sceneJpeg() != null) {
            picture.putObject("NormalPic").put("Content", Base64.getEncoder().encodeToString(r.sceneJpeg()))
                    .put("PicName", "tollgate.jpg");
        }
        if (r.plateJpeg() != null) {
            picture.putObject("CutoutPic").put("Content", Base64.getEncoder().encodeToString(r.plateJpeg()))
                    .put("PicName", "plate.jpg");
        }
        return PushBodies.bytes(root);
    }

    /** The keep-alive body posted to {@link #KEEP_ALIVE_PATH}. */
    public static byte[] keepAliveBody() {
        return "{}".getBytes(StandardCharsets.UTF_8);
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
