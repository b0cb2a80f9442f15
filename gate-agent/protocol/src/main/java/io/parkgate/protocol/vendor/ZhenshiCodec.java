package io.parkgate.protocol.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkgate.plate.PlateColour;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The Zhenshi/Vzenith IVS HTTP push (docs/cameras.md): {@code AlarmInfoPlate} JSON, plain or wrapped in a
 * {@code payload}, the heartbeat form, IO and serial-data pushes; and the {@code Response_AlarmInfoPlate}
 * reply, which the camera obeys as a command. Both directions: the agent reads pushes and writes replies, the
 * simulator's camera writes pushes and reads replies, through these same functions. Pure functions.
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
    public static CameraPush parse(byte[] body, String contentType, PictureCheck pictures)
            throws PushRefusedException {
        String mime = PushBodies.mime(contentType);
        if (mime.equals("application/x-www-form-urlencoded")) {
            return heartbeat(new String(body, StandardCharsets.UTF_8));
        }
        if (!(mime.equals("application/json") || mime.equals("text/json") || mime.equals("text/plain")
                || mime.isEmpty())) {
            throw new PushRefusedException(PushProblem.WRONG_CONTENT_TYPE, "Content-Type " + contentType
                    + " is not the camera's application/json or its heartbeat form");
        }
        ObjectNode root = PushBodies.json(body, "Zhenshi push");
        if (root.get("payload") instanceof ObjectNode payload) {
            root = payload; // newer firmware: {"id","sn","name":"ivs_result","version","timestamp","payload":{…}}
        }
        if (root.get("AlarmInfoPlate") instanceof ObjectNode alarm) {
            return plate(alarm, pictures);
        }
        if (root.has("AlarmGioIn")) {
            return new CameraPush.Other("IO input change");
        }
        if (root.has("SerialData")) {
            return new CameraPush.Other("serial data from the camera's RS-485 port");
        }
        if (root.has("heartbeat") || root.has("device_name")) {
            return new CameraPush.Heartbeat(PushBodies.optionalString(root, "device_name"));
        }
        throw new PushRefusedException(PushProblem.MALFORMED_JSON, "Zhenshi push without AlarmInfoPlate, "
                + "AlarmGioIn or SerialData: keys " + PushBodies.fieldNames(root));
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

    private static CameraPush.Recognition plate(ObjectNode alarm, PictureCheck pictures)
            throws PushRefusedException {
        ObjectNode result = PushBodies.object(alarm, "result", "AlarmInfoPlate");
        ObjectNode r = PushBodies.object(result, "PlateResult", "AlarmInfoPlate.result");
        String license = PushBodies.string(r, "license", "PlateResult");
        String plate = plateText(license);
        long plateId = PushBodies.integer(r, "plateid", -1);
        Instant at = null;
        ObjectNode tv = PushBodies.optionalObject(PushBodies.optionalObject(r, "timeStamp"), "Timeval");
        if (tv != null && PushBodies.integer(tv, "sec", -1) > 0) {
            try {
                at = Instant.ofEpochSecond(PushBodies.integer(tv, "sec", 0),
                        Math.multiplyExact(PushBodies.integer(tv, "usec", 0), 1000L));
            } catch (DateTimeException | ArithmeticException e) {
                at = null; // beyond any instant: the camera's time is unknown, as without a timeStamp
            }
        }
        String serial = PushBodies.optionalString(alarm, "serialno");
        String eventId = plateId >= 0 ? (serial == null ? "" : serial + "/") + plateId
                : (plate == null ? "none" : plate) + "@" + (at == null ? "?" : at.toEpochMilli());
        List<String> unknown = new ArrayList<>();
        for (String f : PushBodies.fieldNames(r)) {
            if (!KNOWN_PLATE_FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        return new CameraPush.Recognition(eventId, plate, colour(PushBodies.integer(r, "colorType", 0)),
                PushBodies.clampConfidence(PushBodies.integer(r, "confidence", 0)), at,
                trigger(PushBodies.integer(r, "triggerType", 1)), PushBodies.integer(r, "isoffline", 0) == 1,
                PushBodies.picture(PushBodies.optionalString(r, "imageFile"), pictures),
                PushBodies.picture(PushBodies.optionalString(r, "imageFragmentFile"), pictures), unknown);
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

    /** The camera's {@code colorType} of a colour: the inverse of {@link #colour(long)}, 0 for unknown. */
    static int colorType(PlateColour colour) {
        return switch (colour) {
            case BLUE -> 1;
            case YELLOW -> 2;
            case WHITE -> 3;
            case BLACK -> 4;
            case GREEN -> 5;
            default -> 0;
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

    /** The camera's {@code triggerType} of a trigger: 8 (video) for an arrival, else the event's own code. */
    static int triggerType(CameraPush.Trigger trigger) {
        return switch (trigger) {
            case ARRIVAL -> 8;
            case LINGERING -> 64;
            case LINGERING_CLEARED -> 65;
            case REVERSING -> 66;
        };
    }

    /** Where the camera is and which record it is: the parts of a push that are the camera's, not the car's. */
    public record Device(String name, String serialNo, String address) {
    }

    /**
     * A recognition as the camera pushes it: {@code AlarmInfoPlate} JSON with the pictures in base64, the
     * camera's record number in the plate result (so the event id read back is serial number/record).
     */
    public static byte[] recognitionBody(Device camera, long recordNo, CameraPush.Recognition r) {
        ObjectNode result = PushBodies.newObject();
        result.put("license", r.plateless() ? NO_PLATE : r.plate())
                .put("colorType", r.plateless() ? 0 : colorType(r.colour()))
                .put("type", r.plateless() ? 31 : r.colour() == PlateColour.GREEN ? 19
                        : r.colour() == PlateColour.YELLOW ? 3 : 1)
                .put("confidence", r.confidence()).put("bright", 0).put("direction", 0);
        result.putObject("location").putObject("RECT").put("left", 612).put("top", 498).put("right", 771)
                .put("bottom", 545);
        result.put("timeUsed", 140);
        if (r.capturedAt() != null) {
            Instant at = r.capturedAt();
            result.putObject("timeStamp").putObject("Timeval").put("sec", at.getEpochSecond())
                    .put("usec", at.getNano() / 1000); // Timeval: whole seconds, then micros within the second
        }
        result.put("triggerType", triggerType(r.trigger())).put("plateid", recordNo)
                .put("isoffline", r.offline() ? 1 : 0).put("is_fake_plate", 0).put("carColor", 0);
        result.putArray("gioouts").addObject().put("ionum", 0).put("ctrltype", 0);
        if (r.sceneJpeg() != null) {
            result.put("imageFile", Base64.getEncoder().encodeToString(r.sceneJpeg()))
                    .put("imageFileLen", r.sceneJpeg().length);
        }
        if (r.plateJpeg() != null) {
            result.put("imageFragmentFile", Base64.getEncoder().encodeToString(r.plateJpeg()))
                    .put("imageFragmentFileLen", r.plateJpeg().length);
        }
        ObjectNode root = PushBodies.newObject();
        ObjectNode alarm = root.putObject("AlarmInfoPlate").put("channel", 0).put("deviceName", camera.name())
                .put("ipaddr", camera.address()).put("serialno", camera.serialNo());
        alarm.putObject("result").set("PlateResult", result);
        return PushBodies.bytes(root);
    }

    /** The heartbeat the camera posts as a form ({@code application/x-www-form-urlencoded}). */
    public static byte[] heartbeatForm(Device camera) {
        return ("device_name=" + URLEncoder.encode(camera.name(), StandardCharsets.UTF_8)
                + "&ipaddr=" + URLEncoder.encode(camera.address(), StandardCharsets.UTF_8) + "&port=80"
                + "&serialno=" + URLEncoder.encode(camera.serialNo(), StandardCharsets.UTF_8) + "&channel_num=1")
                .getBytes(StandardCharsets.UTF_8);
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
        ObjectNode root = PushBodies.newObject();
        ObjectNode r = root.putObject("Response_AlarmInfoPlate").put("info", open ? "ok" : "no")
                .put("channelNum", 0).put("content", "retransfer_stop");
        if (!serial.isEmpty()) {
            ArrayNode a = r.putArray("serialData");
            for (SerialChunk c : serial) {
                a.addObject().put("serialChannel", c.channel())
                        .put("data", Base64.getEncoder().encodeToString(c.data())).put("dataLen", c.data().length);
            }
        }
        return PushBodies.bytes(root);
    }

    /** A reply as the camera acts on it: whether to close its relay, and what to send out of its serial port. */
    public record Reply(boolean open, List<SerialChunk> serial) {

        public Reply {
            serial = List.copyOf(serial);
        }
    }

    /**
     * Reads a reply as the camera does: {@code info:"ok"} closes the relay, each {@code serialData} entry goes
     * to its serial channel; a body without {@code Response_AlarmInfoPlate} (a plain 200) commands nothing.
     *
     * @throws PushRefusedException when the body is not JSON, or a {@code serialData} entry is not base64
     */
    public static Reply readReply(byte[] body) throws PushRefusedException {
        ObjectNode root = PushBodies.json(body, "Zhenshi reply");
        ObjectNode r = PushBodies.optionalObject(root, "Response_AlarmInfoPlate");
        if (r == null) {
            return new Reply(false, List.of());
        }
        List<SerialChunk> serial = new ArrayList<>();
        ArrayNode chunks = PushBodies.optionalArray(r, "serialData");
        for (int i = 0; chunks != null && i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            String data = PushBodies.string(c, "data", "serialData[" + i + "]");
            try {
                serial.add(new SerialChunk((int) PushBodies.integer(c, "serialChannel", 0),
                        Base64.getDecoder().decode(data)));
            } catch (IllegalArgumentException e) {
                throw new PushRefusedException(PushProblem.MALFORMED_JSON, "serialData[" + i + "].data is not "
                        + "base64");
            }
        }
        return new Reply("ok".equals(PushBodies.optionalString(r, "info")), serial);
    }
}
