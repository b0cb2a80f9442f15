package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.device.PushProblem;
import io.parkgate.plate.PlateColour;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The Zhenshi/Vzenith IVS HTTP push (docs/cameras.md): {@code AlarmInfoPlate} JSON, plain or wrapped in a
 * {@code payload}, the heartbeat form, IO and serial-data pushes; and the {@code Response_AlarmInfoPlate}
 * reply, which the camera obeys as a command. Pure functions.
 */
public final class ZhenshiCodec {

    /** The plate text the camera sends for a vehicle without a readable plate. */
    public static final String NO_PLATE = "_无_";

    static final Set<String> KNOWN_PLATE_FIELDS = Set.of("license", "colorType", "type", "confidence", "direction",
            "triggerType", "timeUsed", "location", "timeStamp", "plateid", "isoffline", "gioouts", "is_fake_plate",
            "carColor", "imageFile", "imageFileLen", "imageFragmentFile", "imageFragmentFileLen", "bright",
            "carBright", "enc_type", "plate_true_width", "plate_distance", "car_brand", "car_location", "feature_Code");

    /** A decoded licence must look like a plate: Chinese characters, capitals and digits, one Chinese at least. */
    private static final java.util.regex.Pattern PLATE_LIKE =
            java.util.regex.Pattern.compile("(?=.*\\p{IsHan})[\\p{IsHan}A-Z0-9]{5,10}");

    private ZhenshiCodec() {
    }

    /**
     * Reads one push body.
     *
     * @throws PushRefusedException when the body is not a push this codec can read (nothing in it is used)
     */
    public static CameraPush parse(byte[] body, String contentType) throws PushRefusedException {
        String mime = PushBodies.mime(contentType);
        if (mime.equals("application/x-www-form-urlencoded")) {
            return heartbeat(new String(body, StandardCharsets.UTF_8));
        }
        if (!(mime.equals("application/json") || mime.equals("text/json") || mime.equals("text/plain")
                || mime.isEmpty())) {
            throw new PushRefusedException(PushProblem.WRONG_CONTENT_TYPE, "Content-Type " + contentType
                    + " is not the camera's application/json or its heartbeat form");
        }
        JsonObject root = PushBodies.json(body, "Zhenshi push");
        if (root.getValue("payload") instanceof JsonObject payload) {
            root = payload; // newer firmware: {"id","sn","name":"ivs_result","version","timestamp","payload":{…}}
        }
        if (root.getValue("AlarmInfoPlate") instanceof JsonObject alarm) {
            return plate(alarm);
        }
        if (root.containsKey("AlarmGioIn")) {
            return new CameraPush.Other("IO input change");
        }
        if (root.containsKey("SerialData")) {
            return new CameraPush.Other("serial data from the camera's RS-485 port");
        }
        if (root.containsKey("heartbeat") || root.containsKey("device_name")) {
            return new CameraPush.Heartbeat(PushBodies.optionalString(root, "device_name"));
        }
        throw new PushRefusedException(PushProblem.MALFORMED_JSON, "Zhenshi push without AlarmInfoPlate, "
                + "AlarmGioIn or SerialData: keys " + root.fieldNames());
    }

    private static CameraPush heartbeat(String form) throws PushRefusedException {
        String device = null;
        boolean any = false;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = pair.substring(0, eq);
            any |= key.equals("device_name") || key.equals("serialno") || key.equals("ipaddr");
            if (key.equals("device_name") || key.equals("serialno") && device == null) {
                try {
                    device = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    device = pair.substring(eq + 1);
                }
            }
        }
        if (!any) {
            throw new PushRefusedException(PushProblem.MISSING_FIELD,
                    "Zhenshi heartbeat form without device_name, serialno or ipaddr");
        }
        return new CameraPush.Heartbeat(device);
    }

    private static CameraPush.Recognition plate(JsonObject alarm) throws PushRefusedException {
        JsonObject result = PushBodies.object(alarm, "result", "AlarmInfoPlate");
        JsonObject r = PushBodies.object(result, "PlateResult", "AlarmInfoPlate.result");
        String license = PushBodies.string(r, "license", "PlateResult");
        String plate = plateText(license);
        long plateId = PushBodies.integer(r, "plateid", -1);
        Instant at = null;
        JsonObject tv = PushBodies.optionalObject(PushBodies.optionalObject(r, "timeStamp"), "Timeval");
        if (tv != null && PushBodies.integer(tv, "sec", -1) > 0) {
            at = Instant.ofEpochSecond(PushBodies.integer(tv, "sec", 0), PushBodies.integer(tv, "usec", 0) * 1000);
        }
        String serial = PushBodies.optionalString(alarm, "serialno");
        String eventId = plateId >= 0 ? (serial == null ? "" : serial + "/") + plateId
                : (plate == null ? "none" : plate) + "@" + (at == null ? "?" : at.toEpochMilli());
        List<String> unknown = new ArrayList<>();
        for (String f : r.fieldNames()) {
            if (!KNOWN_PLATE_FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        return new CameraPush.Recognition(eventId, plate, colour(PushBodies.integer(r, "colorType", 0)),
                PushBodies.clampConfidence(PushBodies.integer(r, "confidence", 0)), at,
                trigger(PushBodies.integer(r, "triggerType", 1)), PushBodies.integer(r, "isoffline", 0) == 1,
                PushBodies.jpeg(PushBodies.optionalString(r, "imageFile")),
                PushBodies.jpeg(PushBodies.optionalString(r, "imageFragmentFile")), unknown);
    }

    /**
     * The plate in {@code license}: null for {@value #NO_PLATE} or empty; decoded when the firmware sent it in
     * base64 (only ASCII base64 characters that decode to text with a Chinese character, in UTF-8 or GBK).
     */
    static String plateText(String license) {
        String s = license.trim();
        if (s.isEmpty() || s.equals(NO_PLATE) || s.equals("无") || s.equals("_无_")) {
            return null;
        }
        if (s.matches("[A-Za-z0-9+/]+={0,2}") && s.length() % 4 == 0 && s.length() >= 8) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                return s;
            }
            String text = strict(raw, StandardCharsets.UTF_8);
            if (text == null) {
                text = strict(raw, PushBodies.GBK);
            }
            // Only a decoding that reads as a plate (or the no-plate marker) counts: random letters decode too.
            if (text != null && (text.trim().equals(NO_PLATE) || PLATE_LIKE.matcher(text.trim()).matches())) {
                text = text.trim();
                return text.equals(NO_PLATE) ? null : text;
            }
        }
        return s;
    }

    private static String strict(byte[] raw, java.nio.charset.Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    static PlateColour colour(long colorType) {
        return switch ((int) colorType) {
            case 1 -> PlateColour.BLUE;
            case 2 -> PlateColour.YELLOW;
            case 3 -> PlateColour.WHITE;
            case 4 -> PlateColour.BLACK;
            case 5, 6 -> PlateColour.GREEN; // 6 yellow-green: a large new-energy plate
            default -> PlateColour.UNKNOWN;
        };
    }

    static CameraPush.Trigger trigger(long triggerType) {
        return switch ((int) triggerType) {
            case 64 -> CameraPush.Trigger.LINGERING;
            case 65 -> CameraPush.Trigger.LINGERING_CLEARED;
            case 66 -> CameraPush.Trigger.REVERSING;
            default -> CameraPush.Trigger.ARRIVAL;
        };
    }

    /** Bytes for the camera's RS-485 port, passed through by it ({@code serialData}). */
    public record SerialChunk(int channel, byte[] data) {
    }

    /** The reply that leaves the camera's relay alone: {@link #reply(boolean, List)} with {@code open} false. */
    public static byte[] reply(List<SerialChunk> serial) {
        return reply(false, serial);
    }

    /**
     * The reply to a push: {@code info:"no"}, or {@code info:"ok"} only when {@code open} (the lane decided to
     * open and the camera's relay drives its barrier); always {@code content:"retransfer_stop"} so the camera
     * neither retries nor re-pushes the record; and any display bytes as {@code serialData}.
     */
    public static byte[] reply(boolean open, List<SerialChunk> serial) {
        JsonObject r = new JsonObject().put("info", open ? "ok" : "no").put("channelNum", 0).put("content",
                "retransfer_stop");
        if (!serial.isEmpty()) {
            JsonArray a = new JsonArray();
            for (SerialChunk c : serial) {
                a.add(new JsonObject().put("serialChannel", c.channel())
                        .put("data", Base64.getEncoder().encodeToString(c.data())).put("dataLen", c.data().length));
            }
            r.put("serialData", a);
        }
        return new JsonObject().put("Response_AlarmInfoPlate", r).encode().getBytes(StandardCharsets.UTF_8);
    }
}
