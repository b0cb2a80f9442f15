package io.parkgate.simulator.device;

import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A smart plate camera (docs/protocols.md §3): when a vehicle stands on the arming loop it writes 1–3
 * {@code $PLATE} lines ({@link PlateLine#encode}), {@code seq} +1 per line wrapping at 65536,
 * {@code _NONE_} for a plateless or covered plate, optionally misreading confusable characters;
 * faults on demand.
 */
public final class SmartCameraSim {

    /** First report this long after the vehicle stops on the loop, then one per interval. */
    public static final Duration FIRST_REPORT = Duration.ofMillis(200);
    public static final Duration REPORT_INTERVAL = Duration.ofMillis(400);

    private final String lane;
    private final Consumer<byte[]> wire;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final Random random;
    private int nextSeq;

    public SmartCameraSim(String lane, Consumer<byte[]> wire, SimScheduler scheduler, EventLog events, Random random,
                          int firstSeq) {
        this.lane = lane;
        this.wire = wire;
        this.scheduler = scheduler;
        this.events = events;
        this.random = random;
        this.nextSeq = firstSeq & 0xFFFF;
    }

    /**
     * A vehicle stopped on the arming loop: schedules {@code reports} (1..3) lines.
     *
     * @param plate   the real plate, or null when plateless or covered
     * @param misread report a confusable character wrongly (same wrong text in every report)
     */
    public void vehicleOnLoop(String plate, PlateColour colour, int reports, boolean misread, String vehicle) {
        if (reports < 1 || reports > 3) {
            throw new IllegalArgumentException("a camera sends 1..3 reports per vehicle, not " + reports);
        }
        String text = plate == null ? PlateReport.NO_PLATE : misread ? Confusables.misread(plate, random) : plate;
        PlateColour reported = plate == null ? PlateColour.UNKNOWN : colour;
        for (int i = 0; i < reports; i++) {
            scheduler.schedule(FIRST_REPORT.plus(REPORT_INTERVAL.multipliedBy(i)),
                    () -> send(text, reported, plate == null, misread, vehicle));
        }
    }

    private void send(String text, PlateColour colour, boolean plateless, boolean misread, String vehicle) {
        int confidence = plateless ? 0 : misread ? 60 + random.nextInt(25) : 85 + random.nextInt(15);
        PlateReport report;
        synchronized (this) {
            report = new PlateReport(nextSeq, text, colour, confidence, scheduler.now().toEpochMilli());
            nextSeq = (nextSeq + 1) & 0xFFFF;
        }
        events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.PLATE_SENT, vehicle,
                "seq " + report.seq() + " " + text + " " + colour + " " + confidence));
        wire.accept(PlateLine.encode(report));
    }

    /** Puts one faulty line on the wire now; a faulty line still uses up a sequence number. */
    public void inject(WireFault fault, String plate, String vehicle) {
        PlateReport report;
        synchronized (this) {
            report = new PlateReport(nextSeq, plate, PlateColour.BLUE, 90, scheduler.now().toEpochMilli());
            nextSeq = (nextSeq + 1) & 0xFFFF;
        }
        events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.PLATE_SENT, vehicle, fault + " " + plate));
        wire.accept(faultBytes(fault, report, random));
    }

    /** The bytes of a faulty line: exposed for tests that check them. */
    public static byte[] faultBytes(WireFault fault, PlateReport report, Random random) {
        byte[] good = PlateLine.encode(report);
        return switch (fault) {
            case BAD_CHECKSUM -> {
                // the two hex digits sit just before CR LF
                int hi = good.length - 4;
                good[hi] = (byte) (good[hi] == '0' ? '1' : '0');
                yield good;
            }
            case TRUNCATED -> {
                String s = new String(good, StandardCharsets.UTF_8);
                yield (s.substring(0, s.indexOf('*')) + "\r\n").getBytes(StandardCharsets.UTF_8);
            }
            case GARBAGE -> {
                byte[] noise = CardReaderSim.garbage(random, 8 + random.nextInt(12));
                byte[] line = new byte[noise.length + 2];
                System.arraycopy(noise, 0, line, 0, noise.length);
                line[noise.length] = '\r';
                line[noise.length + 1] = '\n';
                yield line;
            }
        };
    }

    public synchronized int nextSeq() {
        return nextSeq;
    }
}
