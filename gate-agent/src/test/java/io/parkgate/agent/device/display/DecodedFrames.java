package io.parkgate.agent.device.display;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.display.DisplayFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a display module would make of the bytes the lane sent it: the frames it decoded and those it refused. */
final class DecodedFrames implements FrameListener<DisplayFrame.Frame> {

    final List<DisplayFrame.Frame> frames = new CopyOnWriteArrayList<>();
    final List<String> rejects = new CopyOnWriteArrayList<>();
    final DisplayFrame.Decoder decoder = new DisplayFrame.Decoder(this);

    @Override
    public void onFrame(DisplayFrame.Frame frame) {
        frames.add(frame);
    }

    @Override
    public void onRejected(RejectReason reason, String detail) {
        rejects.add(reason + " " + detail);
    }
}
