package io.parkgate.central.note;

/**
 * What an attendant reports from a lane that every console must see at once.
 *
 * @param plate the vehicle concerned, or null
 * @param note  free text, as typed (may be empty)
 */
public record LaneNote(Kind kind, String laneId, String plate, String note) {

    /** The attendant's reports (docs/domain.md entry rules 1-2 and exception rule 1). */
    public enum Kind {
        /** The attendant asks for a supervisor at the lane. */
        CALL,
        /** Damage seen on an entering vehicle; the driver was told (entry rule 2). */
        DAMAGE,
        /** The flammable/explosive/toxic goods check was done (entry rule 1). */
        GOODS_CHECK,
        /** A supervisor asks the manager to take a claimed case over (exception rule 2). */
        ESCALATE;

        /** The kind named by a request value, or null when it names none. */
        public static Kind parse(Object value) {
            for (Kind k : values()) {
                if (k.name().equals(value)) {
                    return k;
                }
            }
            return null;
        }
    }
}
