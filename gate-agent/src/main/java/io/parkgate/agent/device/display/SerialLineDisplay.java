package io.parkgate.agent.device.display;

import io.parkgate.agent.device.transport.ByteLink;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.LinkPump;
import io.parkgate.protocol.display.DisplayFrame;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A display/voice module on its own serial line or serial-device server. The link is kept open (and
 * reopened) by a {@link LinkPump} whose reads are ignored (the module does not answer); frames are written
 * on the display's own thread. While the link is down, texts are dropped and logged.
 */
public final class SerialLineDisplay implements LaneDisplay {

    private static final Logger LOG = LoggerFactory.getLogger(SerialLineDisplay.class);

    private final DeviceConnection connection;
    private final int address;
    private final LinkPump pump;
    private final ExecutorService writer;
    /** What the lane wants on the module now, written again whenever the link (re)opens. */
    private volatile DisplayMessage wanted;
    private volatile Integer wantedSpaces;

    public SerialLineDisplay(String laneId, DeviceConnection connection, int address) {
        this.connection = connection;
        this.address = address;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "display-out-" + laneId);
            t.setDaemon(true);
            return t;
        });
        this.pump = new LinkPump("display-" + laneId, connection, new LinkPump.ByteSink() {
            @Override
            public void bytes(byte[] data, int off, int len) {
                // the module does not answer; anything it sends is line noise
            }

            @Override
            public void connected() {
                // A module that came up late or was power-cycled would stay blank (or show an old count) until
                // the next change: show it what it missed, without repeating the voice.
                submit(SerialLineDisplay.this::replay, "what it missed");
            }
        });
    }

    @Override
    public void start() {
        pump.start();
    }

    @Override
    public void show(DisplayMessage message) {
        wanted = message;
        submit(() -> write(LaneDisplay.frames(address, message), message.shown()), message.shown());
    }

    @Override
    public void freeSpaces(int spaces) {
        wantedSpaces = spaces;
        submit(() -> write(java.util.List.of(DisplayFrame.freeSpaces(address, spaces)), "余位 " + spaces),
                "余位 " + spaces);
    }

    /** Hands a write to the writer; once the display is closed (the agent stopping) it is dropped, not thrown. */
    private void submit(Runnable write, String what) {
        try {
            writer.execute(write);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("display closed: '{}' not shown", what);
        }
    }

    /** Completes once everything handed in before it was written, or dropped for want of a link. */
    java.util.concurrent.CompletableFuture<Void> written() {
        return java.util.concurrent.CompletableFuture.runAsync(() -> { }, writer);
    }

    private void replay() {
        DisplayMessage m = wanted;
        if (m != null) {
            write(LaneDisplay.frames(address, new DisplayMessage(m.lines(), null, m.colour())), m.shown());
        }
        Integer spaces = wantedSpaces;
        if (spaces != null) {
            write(java.util.List.of(DisplayFrame.freeSpaces(address, spaces)), "余位 " + spaces);
        }
    }

    private void write(java.util.List<byte[]> frames, String what) {
        ByteLink link = connection.current();
        if (link == null) {
            LOG.warn("display not connected: '{}' not shown", what);
            return;
        }
        try {
            for (byte[] f : frames) {
                link.write(f);
            }
        } catch (IOException e) {
            LOG.warn("display write failed: '{}' not shown ({})", what, e.getMessage());
            connection.lost(e.getMessage());
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pump.close();
    }
}
