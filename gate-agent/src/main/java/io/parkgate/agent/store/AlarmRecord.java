package io.parkgate.agent.store;

import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.agent.port.LaneDevice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One alarm row.
 *
 * @param alarmId        UUID
 * @param device         the device at fault (device faults), else null
 * @param plate          the vehicle involved when known, else null
 * @param relatedEventId the register event during which it happened, else null
 * @param detail         what happened, for the supervisor (Chinese)
 * @param occurredAt     when it happened (millisecond precision)
 * @param createdAt      when the row was written; set by the store, null before
 */
public record AlarmRecord(String alarmId, String laneId, AlarmKind kind, LaneDevice device, String plate,
                          String relatedEventId, String detail, Instant occurredAt, Instant createdAt) {

    public AlarmRecord {
        Require.uuid("alarmId", alarmId);
        Require.text("laneId", laneId);
        Require.present("kind", kind);
        Require.text("detail", detail);
        if (relatedEventId != null) {
            Require.uuid("relatedEventId", relatedEventId);
        }
        occurredAt = Require.present("occurredAt", occurredAt).truncatedTo(ChronoUnit.MILLIS);
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    AlarmRecord withCreatedAt(Instant at) {
        return new AlarmRecord(alarmId, laneId, kind, device, plate, relatedEventId, detail, occurredAt, at);
    }
}
