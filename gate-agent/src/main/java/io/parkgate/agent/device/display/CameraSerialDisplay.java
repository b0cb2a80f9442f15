package io.parkgate.agent.device.display;

import io.parkgate.agent.device.camera.push.SerialOutbox;
import io.parkgate.protocol.display.DisplayFrame;
import io.parkgate.protocol.vendor.ZhenshiCodec;
import java.io.ByteArrayOutputStream;

/**
 * A display on the Zhenshi camera's RS-485 channel: its frames ride in the {@code serialData} of the
 * camera's next push reply, all frames of one message in one chunk so they arrive together.
 */
public final class CameraSerialDisplay implements LaneDisplay {

    private final SerialOutbox outbox;
    private final int channel;
    private final int address;

    public CameraSerialDisplay(SerialOutbox outbox, int channel, int address) {
        this.outbox = outbox;
        this.channel = channel;
        this.address = address;
    }

    @Override
    public void show(DisplayMessage message) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        LaneDisplay.frames(address, message).forEach(all::writeBytes);
        outbox.offer(new ZhenshiCodec.SerialChunk(channel, all.toByteArray()));
    }

    @Override
    public void freeSpaces(int spaces) {
        outbox.offer(new ZhenshiCodec.SerialChunk(channel, DisplayFrame.freeSpaces(address, spaces)));
    }
}
