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
import io.parkgate.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor codecs on the recorded sample bodies: pure functions, no HTTP. */
class PushCodecsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String JSON = "application/json";
    /** What the agent's recogniser would take, cut down for these samples: JPEG by its first two bytes. */
    private static final PictureCheck JPEG = b -> b.length > 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;

    private static CameraPush.Recognition zhenshi(String sample) throws Exception {
        return assertInstanceOf(CameraPush.Recognition.class,
                ZhenshiCodec.parse(VendorSamples.bytes(sample), JSON, JPEG));
    }

    /** Verifies that the plain Zhenshi push gives plate, colour, confidence, camera time, record id and both pictures.
     * */
    @Test
    void zhenshiPlate() throws Exception {
        CameraPush.Recognition r = zhenshi("zhenshi-plate.json");
        assertEquals("粤B12345", r.plate());
        assertEquals(PlateColour.BLUE, r.colour());
        assertEquals(92, r.confidence());
        assertEquals(Instant.parse("2026-12-04T01:15:30.318Z"), r.capturedAt());
        assertEquals("e3c6a2b1-5d1f0c2e/1047", r.eventId());
        assertEquals(CameraPush.Trigger.ARRIVAL, r.trigger());
        assertFalse(r.offline());
        assertArrayEquals(VendorSamples.bytes("scene.jpg"), r.sceneJpeg());
        assertArrayEquals(VendorSamples.bytes("plate.jpg"), r.plateJpeg());
        assertEquals(List.of(), r.unknownFields());
    }

    /** Verifies the Zhenshi variants: base64 licence, payload envelope, offline, lingering, no plate, no image, unknown
     * fields. */
    @Test
    void zhenshiVariants() throws Exception {
        assertEquals("粤B12345", zhenshi("zhenshi-plate-base64-licence.json").plate());
        assertEquals("e3c6a2b1-5d1f0c2e/1049", zhenshi("zhenshi-payload.json").eventId());
        CameraPush.Recognition offline = zhenshi("zhenshi-offline.json");
        assertTrue(offline.offline());
        assertEquals("粤B67890", offline.plate());
        assertEquals(Instant.parse("2026-12-03T22:15:30Z"), offline.capturedAt());
        assertEquals(CameraPush.Trigger.LINGERING, zhenshi("zhenshi-lingering.json").trigger());
        CameraPush.Recognition none = zhenshi("zhenshi-no-plate.json");
        assertNull(none.plate());
        assertEquals(PlateColour.UNKNOWN, none.colour());
        assertNull(zhenshi("zhenshi-no-image.json").sceneJpeg());
        assertEquals(List.of("plate_confidence_ext", "vehicle_ext"),
                zhenshi("zhenshi-unknown-fields.json").unknownFields().stream().sorted().toList());
        assertEquals(CameraPush.Trigger.REVERSING, ZhenshiCodec.trigger(66));
        assertEquals(CameraPush.Trigger.LINGERING_CLEARED, ZhenshiCodec.trigger(65));
    }

    /** Verifies that a licence that merely looks like base64 (a plate of letters and digits) is left as it is. */
    @Test
    void asciiPlateIsNotTakenForBase64() {
        assertEquals("WJ12345A", ZhenshiCodec.plateText("WJ12345A"));
        assertNull(ZhenshiCodec.plateText("_无_"));
        assertNull(ZhenshiCodec.plateText(Base64.getEncoder().encodeToString("_无_".getBytes(UTF_8))));
    }

    /** Verifies that the heartbeat form is a heartbeat and the IO push is acknowledged but not a plate. */
    @Test
    void zhenshiHeartbeatAndOthers() throws Exception {
        CameraPush hb = ZhenshiCodec.parse(VendorSamples.bytes("zhenshi-heartbeat.form"),
                "application/x-www-form-urlencoded", JPEG);
        assertEquals(new CameraPush.Heartbeat("IVS"), hb);
        assertInstanceOf(CameraPush.Other.class, ZhenshiCodec.parse(
                "{\"AlarmGioIn\":{\"result\":{\"TriggerResult\":{\"source\":0,\"value\":1}}}}".getBytes(UTF_8),
                JSON, JPEG));
    }

    /** Verifies that unreadable Zhenshi bodies are refused with the problem named. */
    @Test
    void zhenshiRefusals() {
        assertEquals(PushProblem.MALFORMED_JSON, refused(() -> ZhenshiCodec.parse(
                "{\"AlarmInfoPlate\":".getBytes(UTF_8),
                JSON, JPEG)));
        assertEquals(PushProblem.MALFORMED_JSON, refused(() -> ZhenshiCodec.parse("[1,2]".getBytes(UTF_8), JSON,
                JPEG)));
        assertEquals(PushProblem.MALFORMED_JSON, refused(() -> ZhenshiCodec.parse("{\"x\":1}".getBytes(UTF_8), JSON,
                JPEG)));
        assertEquals(PushProblem.WRONG_CONTENT_TYPE, refused(() -> ZhenshiCodec.parse(VendorSamples.bytes(
                "zhenshi-plate.json"),
                "image/jpeg", JPEG)));
        assertEquals(PushProblem.MISSING_FIELD, refused(() -> ZhenshiCodec.parse(
                "{\"AlarmInfoPlate\":{\"result\":{\"PlateResult\":{\"colorType\":1}}}}".getBytes(UTF_8), JSON, JPEG)));
        assertEquals(PushProblem.MISSING_FIELD, refused(() -> ZhenshiCodec.parse(
                "{\"AlarmInfoPlate\":{\"result\":{\"PlateResult\":{\"license\":[1]}}}}".getBytes(UTF_8), JSON, JPEG)));
    }

    /** Verifies the reply bytes: info no, retransfer_stop, serial data in base64 with its length. */
    @Test
    void zhenshiReply() {
        byte[] data = {(byte) 0xAA, 0x55, 1, 2, 3};
        String reply = new String(ZhenshiCodec.reply(List.of(new ZhenshiCodec.SerialChunk(0, data))),
                UTF_8);
        assertEquals("{\"Response_AlarmInfoPlate\":{\"info\":\"no\",\"channelNum\":0,\"content\":\"retransfer_stop\","
                + "\"serialData\":[{\"serialChannel\":0,\"data\":\"qlUBAgM=\",\"dataLen\":5}]}}", reply);
        assertEquals("{\"Response_AlarmInfoPlate\":{\"info\":\"no\",\"channelNum\":0,\"content\":\"retransfer_stop\"}}",
                new String(ZhenshiCodec.reply(List.of()), UTF_8));
    }

    /** Verifies the Hikvision multipart push: XML fields, both pictures by their part names, UUID. */
    @Test
    void hikvisionAnpr() throws Exception {
        CameraPush.Recognition r = assertInstanceOf(CameraPush.Recognition.class, HikvisionCodec.parse(
                VendorSamples.hikvisionMultipart("hikvision-anpr.xml", true), VendorSamples.hikvisionContentType(),
                SHANGHAI, JPEG));
        assertEquals("粤B12345", r.plate());
        assertEquals(95, r.confidence());
        assertEquals(PlateColour.BLUE, r.colour());
        assertEquals(Instant.parse("2026-12-04T01:31:02Z"), r.capturedAt());
        assertEquals("5b1f6a2e-0c3d-4e11-9a77-2f0e8d6b9c41", r.eventId());
        assertArrayEquals(VendorSamples.bytes("scene.jpg"), r.sceneJpeg());
        assertArrayEquals(VendorSamples.bytes("plate.jpg"), r.plateJpeg());
        assertEquals(List.of(), r.unknownFields());
        CameraPush.Recognition reverse = assertInstanceOf(CameraPush.Recognition.class, HikvisionCodec.parse(
                VendorSamples.bytes("hikvision-anpr-reverse.xml"), "application/xml", SHANGHAI, JPEG));
        assertEquals(CameraPush.Trigger.REVERSING, reverse.trigger());
        assertNull(reverse.sceneJpeg());
        assertInstanceOf(CameraPush.Heartbeat.class, HikvisionCodec.parse(
                VendorSamples.bytes("hikvision-heartbeat.xml"), "application/xml", SHANGHAI, JPEG));
    }

    /** Verifies that bad Hikvision bodies are refused, and that an XML bomb or external entity is not expanded. */
    @Test
    void hikvisionRefusals() {
        assertEquals(PushProblem.MALFORMED_XML, refused(() -> HikvisionCodec.parse(
                "<EventNotificationAlert><eventType>ANPR"
                .getBytes(UTF_8), "application/xml", SHANGHAI, JPEG)));
        assertEquals(PushProblem.WRONG_CONTENT_TYPE, refused(() -> HikvisionCodec.parse(VendorSamples.bytes(
                "hikvision-anpr.xml"),
                "application/json", SHANGHAI, JPEG)));
        assertEquals(PushProblem.WRONG_CONTENT_TYPE, refused(() -> HikvisionCodec.parse(VendorSamples.bytes(
                "hikvision-anpr.xml"),
                "multipart/form-data", SHANGHAI, JPEG)));
        assertEquals(PushProblem.MALFORMED_XML, refused(() -> HikvisionCodec.parse(
                ("<?xml version=\"1.0\"?><!DOCTYPE a ["
                + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><EventNotificationAlert><eventType>ANPR</eventType><ANPR>"
                + "<licensePlate>&x;</licensePlate></ANPR></EventNotificationAlert>").getBytes(UTF_8),
                "application/xml",
                        SHANGHAI, JPEG)));
        assertEquals(PushProblem.MISSING_FIELD, refused(() -> HikvisionCodec.parse(
                "<EventNotificationAlert><eventType>ANPR</eventType><ANPR/></EventNotificationAlert>".getBytes(UTF_8),
                "application/xml", SHANGHAI, JPEG)));
    }

    /**
     * Verifies that a camera time beyond what an instant can hold is read as no time, not thrown as an unchecked
     * error past the codec's refusals (the agent logged each such push as an unhandled ERROR with its stack).
     */
    @Test
    void zhenshiTimeOutOfRangeIsNoTime() throws Exception {
        String body = new String(VendorSamples.bytes("zhenshi-plate.json"), UTF_8)
                .replace("\"sec\": 1796346930", "\"sec\": 999999999999999999");
        assertTrue(body.contains("999999999999999999"), "sample changed");
        CameraPush.Recognition r = assertInstanceOf(CameraPush.Recognition.class,
                ZhenshiCodec.parse(body.getBytes(UTF_8), JSON, JPEG));
        assertNull(r.capturedAt());
        assertEquals("粤B12345", r.plate());
    }

    /**
     * Verifies that a multipart body cut into thousands of tiny parts is refused, not split: each part used to
     * search the rest of the body for its headers' end, so 1 MB of bare-LF parts held the lane's camera thread
     * for minutes (8 MB, the push limit, for hours) and every push behind it waited.
     */
    @Test
    void hikvisionMultipartWithThousandsOfPartsIsRefused() throws Exception {
        StringBuilder tiny = new StringBuilder();
        while (tiny.length() < 64 * 1024) {
            tiny.append("--b\n\n\n");
        }
        byte[] anpr = VendorSamples.bytes("hikvision-anpr.xml");
        byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"anpr.xml\"\r\nContent-Type: application/xml"
                + "\r\n\r\n").getBytes(UTF_8);
        byte[] rest = ("\r\n" + tiny + "--b--\r\n").getBytes(UTF_8);
        byte[] body = new byte[head.length + anpr.length + rest.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(anpr, 0, body, head.length, anpr.length);
        System.arraycopy(rest, 0, body, head.length + anpr.length, rest.length);
        assertEquals(PushProblem.MALFORMED_XML, refused(() -> HikvisionCodec.parse(body,
                "multipart/form-data; boundary=b", SHANGHAI, JPEG)));
    }

    /**
     * Verifies that a part's headers end within the part: a later part's blank line is not taken for its end (the
     * search for it stops at the next delimiter, which keeps splitting linear in the body).
     */
    @Test
    void multipartHeadersEndWithinTheirPart() {
        byte[] body = "--b\nname: first\n--b\r\nname: second\r\n\r\nx\r\n--b--\r\n".getBytes(UTF_8);
        assertEquals(PushProblem.MALFORMED_XML,
                assertThrows(PushRefusedException.class, () -> Multipart.split(body, "b")).problem());
    }

    /** Verifies the Dahua push: plate, colour, confidence, local time in the site's zone, pictures; empty plate is
     * plateless. */
    @Test
    void dahuaTollgate() throws Exception {
        CameraPush.Recognition r = assertInstanceOf(CameraPush.Recognition.class,
                DahuaCodec.parse(VendorSamples.bytes("dahua-tollgate.json"), JSON, SHANGHAI, JPEG));
        assertEquals("粤B12345", r.plate());
        assertEquals(88, r.confidence());
        assertEquals(Instant.parse("2026-12-04T01:40:12.345Z"), r.capturedAt());
        assertArrayEquals(VendorSamples.bytes("scene.jpg"), r.sceneJpeg());
        CameraPush.Recognition none = assertInstanceOf(CameraPush.Recognition.class,
                DahuaCodec.parse(VendorSamples.bytes("dahua-no-plate.json"), JSON, SHANGHAI, JPEG));
        assertNull(none.plate());
        assertEquals(PushProblem.MISSING_FIELD, refused(() -> DahuaCodec.parse("{\"Picture\":{}}".getBytes(UTF_8), JSON,
                SHANGHAI, JPEG)));
        assertEquals("{\"Result\":true}", new String(DahuaCodec.REPLY, UTF_8));
    }

    /** Verifies the digest check against a client answer, and that a wrong password or a foreign nonce fails. */
    @Test
    void digest() {
        DigestAuth auth = new DigestAuth("parkgate lane", "admin", "s3cret", java.time.Clock.systemUTC());
        String challenge = auth.challenge();
        String uri = "/NotificationInfo/TollgateInfo";
        assertTrue(auth.verify(DigestAuth.answer(challenge, "admin", "s3cret", "POST", uri, "0a4f113b"), "POST", uri));
        assertFalse(auth.verify(DigestAuth.answer(challenge, "admin", "wrong", "POST", uri, "0a4f113b"), "POST", uri));
        assertFalse(auth.verify(DigestAuth.answer(challenge, "admin", "s3cret", "POST", "/other", "0a4f113b"),
                "POST", uri));
        String foreign = "Digest realm=\"parkgate lane\", nonce=\"00112233445566778899aabbccddeeff\"";
        assertFalse(auth.verify(DigestAuth.answer(foreign, "admin", "s3cret", "POST", uri, "1"), "POST", uri));
        assertFalse(auth.verify(null, "POST", uri));
    }

    /** Verifies that an expired nonce is STALE (challenged again, not counted as wrong credentials). */
    @Test
    void expiredNonceIsStaleNotWrong() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T01:00:00Z"));
        DigestAuth auth = new DigestAuth("r", "u", "p", clock);
        String challenge = auth.challenge();
        String answer = DigestAuth.answer(challenge, "u", "p", "POST", "/x", "c");
        assertEquals(DigestAuth.Check.OK, auth.check(answer, "POST", "/x"));
        clock.advance(DigestAuth.NONCE_LIFE.plusSeconds(1));
        assertEquals(DigestAuth.Check.STALE, auth.check(answer, "POST", "/x"));
        assertTrue(auth.challenge(true).endsWith("stale=true"));
        assertEquals(DigestAuth.Check.MISSING, auth.check(null, "POST", "/x"));
    }

    private interface Parse {
        CameraPush run() throws PushRefusedException;
    }

    private static PushProblem refused(Parse p) {
        return assertThrows(PushRefusedException.class, p::run).problem();
    }
}
