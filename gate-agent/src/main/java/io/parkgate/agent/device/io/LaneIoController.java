package io.parkgate.agent.device.io;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.port.BarrierController;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.config.IoControllerConfig;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.io.LaneIoRegisters;
import io.parkgate.protocol.modbus.ModbusException;
import io.parkgate.protocol.modbus.ModbusRtu;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane I/O controller (docs/protocols.md §1) as the lane's {@link BarrierController}. OPEN and CLOSE
 * only ever write coil 0/1 ON: the controller drops the relay itself after the pulse time, so a lost
 * command cannot leave it energised. After every (re)connect it writes the pulse time to holding
 * register 0, then polls discrete inputs 0..3 and reports {@link LaneInputs} on change, and once
 * after each reconnect or silence. It decides nothing: the safety rules are the lane's; it only
 * re-reads the loops right before CLOSE (withholding it when one is occupied) and reads a pulse coil
 * back before repeating a write whose reply was lost.
 */
public final class LaneIoController implements BarrierController, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaneIoController.class);

    private final int unit;
    private final LaneEventSink sink;
    private final Clock clock;
    private final ModbusRtuMaster master;
    private LaneInputs last; // Modbus thread only

    /**
     * @param baud the controller's bus rate (serial: the port's; TCP: the serial-device server's serial side)
     */
    public LaneIoController(IoControllerConfig config, int baud, DeviceConnection connection, LaneEventSink sink,
                            Clock clock, DeviceMetrics metrics) {
        Objects.requireNonNull(config, "config");
        this.unit = config.unitAddress();
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("unit address " + unit + " outside 1..247");
        }
        long pulseUnits = config.pulseTime().toMillis() / LaneIoRegisters.PULSE_UNIT.toMillis();
        if (pulseUnits < 1 || pulseUnits > 500) {
            throw new IllegalArgumentException("pulse time " + config.pulseTime() + " outside 10 ms..5 s");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        ModbusRtuMaster.Schedule schedule = new ModbusRtuMaster.Schedule(
                List.of(ModbusRtu.writeSingleRegister(unit, LaneIoRegisters.REGISTER_PULSE_TIME, (int) pulseUnits)),
                ModbusRtu.readDiscreteInputs(unit, 0, LaneIoRegisters.INPUT_COUNT),
                config.pollInterval());
        this.master = new ModbusRtuMaster("io-" + connection.device().name().toLowerCase(java.util.Locale.ROOT),
                connection, config.responseTimeout(), config.retries(), baud, schedule, new PollListener(), metrics);
    }

    public void start() {
        master.start();
    }

    /** The lane's decision with its journal takes well under this; a poll is never held longer. */
    static final java.time.Duration DECISION_ALLOWANCE = java.time.Duration.ofMillis(5);

    @Override
    public void deciding() {
        master.holdPolls(DECISION_ALLOWANCE);
    }

    @Override
    public void decided() {
        master.releasePolls();
    }

    @Override
    public CompletionStage<Void> pulseOpen() {
        return pulse(LaneIoRegisters.COIL_OPEN);
    }

    /**
     * The master takes the command at once and waits out the bus silence while the passage is committed; the
     * coil write goes on the wire only after {@code journalled} completed with true.
     */
    @Override
    public CompletionStage<Void> pulseOpenOnce(CompletionStage<Boolean> journalled) {
        CompletableFuture<Long> go = new CompletableFuture<>();
        // Stamped on the journal's thread as it completes: when the write was allowed, for the timing.
        journalled.whenComplete((ok, failure) -> go.complete(Boolean.TRUE.equals(ok) && failure == null
                ? System.nanoTime() : -1L));
        return master.command(ModbusRtu.writeSingleCoil(unit, LaneIoRegisters.COIL_OPEN, true),
                        new ModbusRtuMaster.Guard(null, readCoil(LaneIoRegisters.COIL_OPEN), LaneIoController::coilOn),
                        go)
                .thenApply(echo -> null);
    }

    /** The loops are read again right before CLOSE: the last poll may be up to a poll interval old. */
    @Override
    public CompletionStage<Boolean> pulseClose() {
        java.util.function.Predicate<byte[]> loopsClear = data -> !ModbusRtu.bit(data, 0) && !ModbusRtu.bit(data, 1);
        return master.command(ModbusRtu.writeSingleCoil(unit, LaneIoRegisters.COIL_CLOSE, true),
                        new ModbusRtuMaster.Guard(loopsClear, readCoil(LaneIoRegisters.COIL_CLOSE),
                                LaneIoController::coilOn))
                .thenApply(echo -> echo != null);
    }

    /**
     * A pulse coil stays ON for the pulse time: when the reply to the write is lost, reading it back tells
     * whether the pulse is under way, so a retry never pulses the barrier twice.
     */
    private CompletableFuture<Void> pulse(int coil) {
        return master.command(ModbusRtu.writeSingleCoil(unit, coil, true),
                new ModbusRtuMaster.Guard(null, readCoil(coil), LaneIoController::coilOn))
                .thenApply(echo -> null);
    }

    private byte[] readCoil(int coil) {
        return ModbusRtu.readCoils(unit, coil, 1);
    }

    private static boolean coilOn(byte[] data) {
        return data.length >= 2 && ModbusRtu.bit(data, 0);
    }

    @Override
    public CompletionStage<Void> setLamp(boolean green) {
        return write(LaneIoRegisters.COIL_LAMP, green);
    }

    private CompletableFuture<Void> write(int coil, boolean on) {
        return master.command(ModbusRtu.writeSingleCoil(unit, coil, on)).thenApply(echo -> null);
    }

    @Override
    public void close() {
        master.close();
    }

    private final class PollListener implements ModbusRtuMaster.Listener {

        @Override
        public void connected() {
            // Whatever the lane knew may be stale after an outage: report the next poll whatever it says.
            last = null;
        }

        @Override
        public void polled(byte[] data) {
            LaneInputs now = LaneIoRegisters.inputs(data);
            if (!now.equals(last)) {
                LOG.debug("inputs {}", now);
                last = now;
                sink.inputs(now, clock.instant());
            }
        }

        @Override
        public void pollFailed(ModbusException failure) {
            // Counted and turned into the FAULT state by the master; nothing to decide here.
        }
    }
}
