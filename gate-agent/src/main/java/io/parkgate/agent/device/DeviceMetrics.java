package io.parkgate.agent.device;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.modbus.ModbusFault;
import io.parkgate.protocol.vendor.PushProblem;
import java.time.Duration;

/**
 * What the device drivers count. One instance per lane (the lane id is bound by the implementation);
 * every tag is an enum value, so cardinality stays bounded. Every method does nothing unless implemented, so a
 * test or a benchmark counts only what it looks at.
 */
public interface DeviceMetrics {

    /** A decoder dropped a frame or a run of bytes. */
    default void frameRejected(LaneDevice device, RejectReason reason) {
    }

    /** A Modbus transaction attempt failed (timeout, CRC, exception response …). */
    default void modbusError(ModbusFault kind) {
    }

    /** A Modbus command was sent again after a failed attempt. */
    default void modbusRetry() {
    }

    /** A guarded command's reading was too old when the command could go, and was read again or withheld. */
    default void guardReadStale() {
    }

    /** A Modbus transaction (all attempts) took this long, successful or not. */
    default void modbusTransaction(Duration elapsed) {
    }

    /** A device's connection state changed. */
    default void deviceState(LaneDevice device, DeviceState state) {
    }

    /** The smart camera's sequence skipped {@code lost} reports. */
    default void plateReportsLost(int lost) {
    }

    /** A card presentation or a plate report was delivered to the lane. */
    default void delivered(LaneDevice device) {
    }

    /**
     * Where one answered Modbus command's time went: waiting in the queue behind the transaction on the
     * wire, waiting for 3.5 characters of bus silence, and handing the request to the OS.
     */
    default void commandTiming(java.time.Duration queued, java.time.Duration silenceWait,
                               java.time.Duration write) {
    }

    /** An imaging camera's burst outran the recogniser: {@code count} queued frames dropped unread. */
    default void framesDropped(LaneDevice device, int count) {
    }

    /**
     * A camera of kind {@code vendor} pushes to this lane: its push meters exist from now on, at 0, so that a
     * dashboard finds them before the first push.
     */
    default void pushingCamera(io.parkgate.config.CameraKind vendor) {
    }

    /** A readable push from a {@code vendor} camera ended as {@code outcome}. */
    default void push(io.parkgate.config.CameraKind vendor,
                      io.parkgate.agent.device.PushOutcome outcome) {
    }

    /** A push from a {@code vendor} camera had {@code problem}: refused, or used only in part. */
    default void pushProblem(io.parkgate.config.CameraKind vendor,
                             PushProblem problem) {
    }

    /** What the agent's own plate recognition made of one imaging-camera frame. */
    enum LprResult { READ, NO_PLATE, UNUSABLE }

    /** The agent's plate recognition examined one frame in {@code elapsed}. */
    default void recognition(Duration elapsed, LprResult result) {
    }

    /** Counts nothing: for tests and lanes without a registry. */
    DeviceMetrics NOOP = new DeviceMetrics() { };
}
