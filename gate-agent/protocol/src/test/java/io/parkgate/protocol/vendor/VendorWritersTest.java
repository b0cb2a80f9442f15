package io.parkgate.protocol.vendor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bodies the simulator's cameras write, read back by the codecs the agent reads real cameras with: one
 * definition of each vendor's bytes, so the simulator cannot drift from what the agent accepts.
 */
class VendorWritersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final byte[] SCENE = VendorSamples.bytes("scene.jpg");
    private static final byte[] PLATE = VendorSamples.bytes("plate.jpg");
    private static final Instant AT = Instant.parse("2026-12-04T01:15:30.318Z");
    private static final ZhenshiCodec.Device CAMERA = new ZhenshiCodec.Device("IVS", "sim-E1", "10.0.0.7");

    private static CameraPush.Recognition recognition(String eventId, String plate, PlateColour colour,
                                                      CameraPush.Trigger trigger, boolean offline) {
        return new CameraPush.Recognition(eventId, plate, colour, 93, AT, trigger, offline, SCENE,
                plate == null ? null : PLATE, List.of());
    }

    /** Verifies that a Zhenshi push written for a recognition reads back as it, with the record id as event id. */
    @Test
    void zhenshiRecognitionReadsBack() throws Exception {
        for (CameraPush.Trigger trigger : CameraPush.Trigger.values()) {
            for (PlateColour colour : List.of(PlateColour.BLUE, PlateColour.YELLOW, PlateColour.GREEN,
                    PlateColour.WHITE, PlateColour.BLACK)) {
                CameraPush.Recognition r = recognition("ignored", "粤B12345", colour, trigger, true);
                CameraPush.Recognition back = assertInstanceOf(CameraPush.Recognition.class, ZhenshiCodec.parse(
                        ZhenshiCodec.recognitionBody(CAMERA, 1047, r), "application/json", PictureCheck.ANY));
                assertEquals(new CameraPush.Recognition("sim-E1/1047", "粤B12345", colour, 93, AT, trigger, true,
                        SCENE, PLATE, List.of()).toString(), back.toString());
                assertArrayEquals(SCENE, back.sceneJpeg());
                assertArrayEquals(PLATE, back.plateJpeg());
            }
        }
        CameraPush.Recognition none = assertInstanceOf(CameraPush.Recognition.class, ZhenshiCodec.parse(
                ZhenshiCodec.recognitionBody(CAMERA, 7, recognition("x", null, PlateColour.BLUE,
                        CameraPush.Trigger.ARRIVAL, false)), "application/json", PictureCheck.ANY));
        assertNull(none.plate());
        assertNull(none.plateJpeg());
        assertFalse(none.offline());
    }

    /** Verifies the Zhenshi heartbeat form and the reply in both directions (relay, serial data, nothing). */
    @Test
    void zhenshiHeartbeatAndReply() throws Exception {
        CameraPush.Heartbeat hb = assertInstanceOf(CameraPush.Heartbeat.class, ZhenshiCodec.parse(
                ZhenshiCodec.heartbeatForm(new ZhenshiCodec.Device("IVS 入口", "sim-E1", "10.0.0.7")),
                "application/x-www-form-urlencoded", PictureCheck.ANY));
        assertEquals("IVS 入口", hb.device());

        byte[] display = {(byte) 0xAA, 0x55, 0x0D, 0x0A, 0x00, (byte) 0xFF};
        ZhenshiCodec.Reply open = ZhenshiCodec.readReply(ZhenshiCodec.reply(true,
                List.of(new ZhenshiCodec.SerialChunk(0, display), new ZhenshiCodec.SerialChunk(1, new byte[] {1}))));
        assertTrue(open.open());
        assertEquals(2, open.serial().size());
        assertArrayEquals(display, open.serial().get(0).data());
        assertEquals(1, open.serial().get(1).channel());
        assertFalse(ZhenshiCodec.readReply(ZhenshiCodec.reply(List.of())).open());
        assertEquals(new ZhenshiCodec.Reply(false, List.of()), ZhenshiCodec.readReply("{}".getBytes(UTF_8)));
        assertEquals(PushProblem.MALFORMED_JSON, assertThrows(PushRefusedException.class,
                () -> ZhenshiCodec.readReply("<html>".getBytes(UTF_8))).problem());
        assertEquals(PushProblem.MALFORMED_JSON, assertThrows(PushRefusedException.class,
                () -> ZhenshiCodec.readReply(("{\"Response_AlarmInfoPlate\":{\"info\":\"ok\",\"serialData\":"
                        + "[{\"serialChannel\":0,\"data\":\"***\"}]}}").getBytes(UTF_8))).problem());
    }

    /** Verifies that a Hikvision ANPR push and heartbeat written here read back, to the second of its dateTime. */
    @Test
    void hikvisionReadsBack() throws Exception {
        for (CameraPush.Trigger trigger : List.of(CameraPush.Trigger.ARRIVAL, CameraPush.Trigger.REVERSING)) {
            CameraPush.Recognition r = recognition("6f1c2a9e-0000-4000-8000-00000000abcd", "湘A7Q201",
                    PlateColour.YELLOW, trigger, false);
            CameraPush.Recognition back = assertInstanceOf(CameraPush.Recognition.class, HikvisionCodec.parse(
                    HikvisionCodec.anprPush(r, "10.0.0.8", SHANGHAI), HikvisionCodec.MULTIPART_TYPE, SHANGHAI,
                    PictureCheck.ANY));
            assertEquals(r.eventId(), back.eventId());
            assertEquals("湘A7Q201", back.plate());
            assertEquals(PlateColour.YELLOW, back.colour());
            assertEquals(93, back.confidence());
            assertEquals(Instant.parse("2026-12-04T01:15:30Z"), back.capturedAt());
            assertEquals(trigger, back.trigger());
            assertArrayEquals(SCENE, back.sceneJpeg());
            assertArrayEquals(PLATE, back.plateJpeg());
        }
        CameraPush.Recognition none = assertInstanceOf(CameraPush.Recognition.class, HikvisionCodec.parse(
                HikvisionCodec.anprPush(recognition("u-1", null, PlateColour.BLUE, CameraPush.Trigger.ARRIVAL, false),
                        "10.0.0.8", SHANGHAI), HikvisionCodec.MULTIPART_TYPE, SHANGHAI, PictureCheck.ANY));
        assertNull(none.plate());
        assertInstanceOf(CameraPush.Heartbeat.class, HikvisionCodec.parse(HikvisionCodec.heartbeatAlert("10.0.0.8",
                AT, SHANGHAI), "application/xml", SHANGHAI, PictureCheck.ANY));
    }

    /** Verifies that a Dahua TollgateInfo body written here reads back, its serial number as the event id. */
    @Test
    void dahuaReadsBack() throws Exception {
        CameraPush.Recognition r = recognition("SNAP-000123", "苏E12345", PlateColour.GREEN,
                CameraPush.Trigger.REVERSING, false);
        CameraPush.Recognition back = assertInstanceOf(CameraPush.Recognition.class, DahuaCodec.parse(
                DahuaCodec.tollgateBody(r, SHANGHAI), "application/json", SHANGHAI, PictureCheck.ANY));
        assertEquals(new CameraPush.Recognition("SNAP-000123", "苏E12345", PlateColour.GREEN, 93, AT,
                CameraPush.Trigger.REVERSING, false, SCENE, PLATE, List.of()).toString(), back.toString());
        assertArrayEquals(PLATE, back.plateJpeg());
        assertEquals("{}", new String(DahuaCodec.keepAliveBody(), UTF_8));
    }

    /** Verifies that a part whose bytes hold CRLF, dashes and a boundary-like line survives writing and splitting. */
    @Test
    void multipartKeepsBinaryParts() throws Exception {
        byte[] tricky = "\r\n--MIME_boundary\r\n--\r\n\u0000\u00ff".getBytes(UTF_8);
        byte[] body = Multipart.write("MIME_boundary_x", List.of(Multipart.Part.formData("a.bin", "image/jpeg",
                tricky), Multipart.Part.formData("empty", "text/plain", new byte[0])));
        List<Multipart.Part> parts = Multipart.split(body, "MIME_boundary_x");
        assertEquals(2, parts.size());
        assertArrayEquals(tricky, parts.get(0).body());
        assertEquals("a.bin", parts.get(0).name());
        assertEquals("image/jpeg", parts.get(0).mime());
        assertEquals(0, parts.get(1).body().length);
        assertEquals(Map.of("content-disposition", "form-data; name=\"empty\"; filename=\"empty\"",
                "content-type", "text/plain", "content-length", "0"), parts.get(1).headers());
    }
}
