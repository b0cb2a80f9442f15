package io.parkgate.central.change;

import java.time.Instant;

/**
 * An attendant's lane note as stored (supervisor call, damage seen, goods check, escalation). It lives with the
 * announcements because a stored note is announced whole: every console shows it at once.
 *
 * @param kind           the note's kind by name ({@code CALL}, {@code DAMAGE}, {@code GOODS_CHECK},
 *                       {@code ESCALATE})
 * @param post           the post of the lane, when the lane has one
 * @param plate          the vehicle concerned, or null
 * @param by             who wrote it (user name)
 * @param byName         their display name, when they have one
 * @param passageEventId the register row the note was attached to, or null
 */
public record RecordedNote(String id, Instant at, String laneId, String post, String kind, String plate, String note,
                           String by, String byName, String passageEventId) {
}
