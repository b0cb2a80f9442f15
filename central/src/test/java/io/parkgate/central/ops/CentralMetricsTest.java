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

    /**
     * Verifies that the exception gauges show, per site, how many cases wait and how long the oldest (listed first)
     * has, and that one site's queue emptying leaves the other's.
     */
    @Test
    void exceptionGaugesCountEachSitesQueueAndAgeItsOldest() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CentralMetrics metrics = new CentralMetrics(registry, Clock.fixed(T, ZoneOffset.UTC));
        metrics.exceptions("north", List.of(waiting("X-1", T.minusSeconds(90)), waiting("X-2", T.minusSeconds(30))));
        metrics.exceptions("south", List.of(waiting("X-3", T.minusSeconds(600))));
        assertEquals(2.0, gauge(registry, CentralMetrics.EXCEPTIONS_WAITING, "north"));
        assertEquals(90.0, gauge(registry, CentralMetrics.EXCEPTIONS_OLDEST, "north"));
        assertEquals(1.0, gauge(registry, CentralMetrics.EXCEPTIONS_WAITING, "south"));
        assertEquals(600.0, gauge(registry, CentralMetrics.EXCEPTIONS_OLDEST, "south"));
        metrics.exceptions("north", List.of());
        assertEquals(0.0, gauge(registry, CentralMetrics.EXCEPTIONS_WAITING, "north"));
        assertEquals(0.0, gauge(registry, CentralMetrics.EXCEPTIONS_OLDEST, "north"));
        assertEquals(1.0, gauge(registry, CentralMetrics.EXCEPTIONS_WAITING, "south"));
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String site) {
        return registry.get(name).tag(CentralMetrics.SITE, site).gauge().value();
    }

    private static ExceptionCase waiting(String id, Instant openedAt) {
        return new ExceptionCase(id, id.substring(2), "north-out", "PLATELESS", null, null, null, "无牌车", null,
                openedAt, ExceptionStatus.OPEN, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }
}
