package io.parkgate.central.console;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The car park's time as the console must show it: central's clock (simulated and possibly accelerated in the
 * demo) in the site's time zone. The browser's own clock and zone are never used for "today", shifts or
 * waiting times, because a booth PC's clock drifts and the demo's clock races.
 */
public record SiteTime(Clock clock, ZoneId zone) {

    /** {@code {"now": ISO instant, "zone": "Asia/Shanghai", "offsetSeconds": 28800}} at this moment. */
    public JsonObject toJson() {
        Instant now = clock.instant();
        return new JsonObject().put("now", now.toString()).put("zone", zone.getId())
                .put("offsetSeconds", zone.getRules().getOffset(now).getTotalSeconds());
    }
}
