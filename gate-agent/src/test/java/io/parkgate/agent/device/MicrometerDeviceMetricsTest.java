package io.parkgate.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.modbus.ModbusFault;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MicrometerDeviceMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerDeviceMetrics metrics = new MicrometerDeviceMetrics(registry, "E1");

    /** Verifies that every meter is named parking.* and tagged only with the lane and enum values. */
    @Test
    void namesAndTagsAreBounded() {
        Set<String> allowed = Stream.of(LaneDevice.values(), RejectReason.values(), ModbusFault.values(),
                        DeviceMetrics.LprResult.values())
                .flatMap(Stream::of).map(e -> ((Enum<?>) e).name()).collect(Collectors.toSet());
        allowed.add("E1");
        for (Meter meter : registry.getMeters()) {
            assertTrue(meter.getId().getName().startsWith("parking."), meter.getId().getName());
            meter.getId().getTags().forEach(t -> assertTrue(allowed.contains(t.getValue()), t.toString()));
        }
    }

    /** Verifies that counts, the state gauge and the transaction timer record what they are told. */
    @Test
    void recordsWhatItIsTold() {
        metrics.frameRejected(LaneDevice.CAMERA, RejectReason.BAD_CHECKSUM);
        metrics.frameRejected(LaneDevice.CAMERA, RejectReason.BAD_CHECKSUM);
        metrics.modbusError(ModbusFault.TIMEOUT);
        metrics.modbusRetry();
        metrics.plateReportsLost(3);
        metrics.deviceState(LaneDevice.IO_CONTROLLER, DeviceState.FAULT);
        metrics.modbusTransaction(Duration.ofMillis(7));
        metrics.delivered(LaneDevice.CARD_READER);

        assertEquals(2, registry.get(MicrometerDeviceMetrics.FRAMES_REJECTED)
                .tags("lane", "E1", "device", "CAMERA", "reason", "BAD_CHECKSUM").counter().count());
        assertEquals(0, registry.get(MicrometerDeviceMetrics.FRAMES_REJECTED)
                .tags("device", "CARD_READER", "reason", "BAD_CHECKSUM").counter().count());
        assertEquals(1, registry.get(MicrometerDeviceMetrics.MODBUS_ERRORS).tags("reason", "TIMEOUT").counter()
                .count());
        assertEquals(1, registry.get(MicrometerDeviceMetrics.MODBUS_RETRIES).counter().count());
        assertEquals(3, registry.get(MicrometerDeviceMetrics.PLATE_REPORTS_LOST).counter().count());
        assertEquals(DeviceState.FAULT.metricValue(), registry.get(MicrometerDeviceMetrics.DEVICE_STATE)
                .tags("device", "IO_CONTROLLER").gauge().value());
        assertEquals(1, registry.get(MicrometerDeviceMetrics.MODBUS_TRANSACTION).timer().count());
        assertEquals(1, registry.get(MicrometerDeviceMetrics.DELIVERED).tags("device", "CARD_READER").counter()
                .count());
    }
}
