package io.parkgate.simulator.device;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.display.DisplayFrame;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import io.parkgate.simulator.wire.LinkReceiver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane's LED display and voice module (docs/protocols.md, "Lane display and voice"): decodes the frames
 * it is sent, on its own serial line ({@link LinkReceiver}) or through the camera's serial channel
 * ({@link #serialData}), keeps what it shows and what it said, and tells the car park's story: one line
 * per message, what the driver sees and hears.
 */
public final class DisplayModuleSim implements LinkReceiver {


    /** One message as the driver met it. */
    public record Shown(List<String> lines, String voice, Integer freeSpaces) {
    }

    private final String lane;
    private final Logger log;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final DisplayFrame.Decoder decoder;
    private final String[] lines = new String[4];
    private final List<Shown> shown = new ArrayList<>();
    private String voice;
    private Integer freeSpaces;
    private boolean changed;
    private long rejected;

    public DisplayModuleSim(String lane, SimScheduler scheduler, EventLog events) {
        this.lane = lane;
        this.log = LoggerFactory.getLogger("lane." + lane + ".display"); // part of the lane's story
        this.scheduler = scheduler;
        this.events = events;
        Arrays.fill(lines, "");
        this.decoder = new DisplayFrame.Decoder(new FrameListener<>() {
            @Override
            public void onFrame(DisplayFrame.Frame f) {
                frame(f);
            }

            @Override
            public void onRejected(RejectReason reason, String detail) {
                rejected++;
                log.warn("{} display: frame dropped ({}): {}", lane, reason, detail);
            }
        });
    }

    @Override
    public synchronized void received(byte[] data, int len, Consumer<byte[]> reply) {
        decoder.accept(data, 0, len);
    }

    @Override
    public synchronized void silence(Consumer<byte[]> reply) {
        tell();
    }

    /** Bytes the camera passed on from its reply's {@code serialData}: one chunk is one message. */
    public synchronized void serialData(byte[] data) {
        decoder.accept(data, 0, data.length);
        tell();
    }

    public synchronized List<Shown> shown() {
        return List.copyOf(shown);
    }

    public synchronized long rejected() {
        return rejected;
    }

    private void frame(DisplayFrame.Frame f) {
        switch (f.command()) {
            case DisplayFrame.SHOW -> {
                if (f.line() >= 1 && f.line() <= lines.length) {
                    lines[f.line() - 1] = f.text();
                }
            }
            case DisplayFrame.SPEAK -> voice = f.text();
            case DisplayFrame.FREE_SPACES -> {
                freeSpaces = f.freeSpaces(); // the count's own digits: kept, told with the next text
                return;
            }
            case DisplayFrame.CLEAR -> Arrays.fill(lines, "");
            default -> {
                rejected++;
                return;
            }
        }
        changed = true;
    }

    private void tell() {
        if (!changed) {
            return;
        }
        changed = false;
        List<String> now = Arrays.stream(lines).toList();
        Shown s = new Shown(now, voice, freeSpaces);
        shown.add(s);
        String text = String.join(" / ", now.stream().filter(l -> !l.isBlank()).toList());
        String detail = "屏显「" + text + "」" + (voice == null ? "" : " 语音「" + voice + "」");
        log.info("{}", detail);
        events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.DISPLAY, null, detail));
        voice = null;
    }
}
