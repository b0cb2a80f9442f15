package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.port.BarrierController;
import java.util.concurrent.CompletionStage;

/**
 * A lane whose barrier is wired to the Zhenshi camera's relay ({@code barrier: CAMERA_RELAY}): OPEN is the
 * camera's {@code info:"ok"} in its next push reply ({@link PushedCamera#requestOpen()}); CLOSE and the lamp
 * stay on the lane I/O controller, which also keeps reading the loops, so the lane's safety rules are the
 * same as with the controller's own relay.
 */
public final class CameraRelayBarrier implements BarrierController {

    private final PushedCamera camera;
    private final BarrierController io;

    public CameraRelayBarrier(PushedCamera camera, BarrierController io) {
        this.camera = camera;
        this.io = io;
    }

    @Override
    public CompletionStage<Void> pulseOpen() {
        return camera.requestOpen();
    }

    /** The controller re-reads the loops before it closes, exactly as without the camera's relay. */
    @Override
    public CompletionStage<Boolean> pulseClose() {
        return io.pulseClose();
    }

    @Override
    public CompletionStage<Void> setLamp(boolean green) {
        return io.setLamp(green);
    }
}
