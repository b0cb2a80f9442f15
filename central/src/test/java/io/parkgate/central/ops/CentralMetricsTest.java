package io.parkgate.central.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkgate.central.exception.ExceptionCase;
import io.parkgate.central.exception.ExceptionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CentralMetricsTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");

    /** Verifies that the exception gauges show how many cases wait and how long the oldest (listed first) has. */
    @Test
    void exceptionGaugesCountTheQueueAndAgeTheOldest() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CentralMetrics metrics = new CentralMetrics(registry, Clock.fixed(T, ZoneOffset.UTC));
        metrics.exceptions(List.of(waiting("X-1", T.minusSeconds(90)), waiting("X-2", T.minusSeconds(30))));
        assertEquals(2.0, registry.get(CentralMetrics.EXCEPTIONS_WAITING).gauge().value());
        assertEquals(90.0, registry.get(CentralMetrics.EXCEPTIONS_OLDEST).gauge().value());
        metrics.exceptions(List.of());
        assertEquals(0.0, registry.get(CentralMetrics.EXCEPTIONS_WAITING).gauge().value());
        assertEquals(0.0, registry.get(CentralMetrics.EXCEPTIONS_OLDEST).gauge().value());
    }

    private static ExceptionCase waiting(String id, Instant openedAt) {
        return new ExceptionCase(id, id.substring(2), "north-out", "PLATELESS", null, null, null, "无牌车", null,
                openedAt, ExceptionStatus.OPEN, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }
}
