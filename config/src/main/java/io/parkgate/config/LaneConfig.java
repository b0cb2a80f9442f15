package io.parkgate.config;

/**
 * One lane.
 *
 * @param id   stable identifier used in topics, logs and the register (e.g. {@code north-in})
 * @param post the attendant post (岗亭) this lane belongs to, for shifts and cash
 */
public record LaneConfig(String id, String name, Direction direction, String post, LaneDevices devices,
                         LaneRules rules) {

    /** The same lane with other devices, e.g. with transports rewritten to where a simulator serves them. */
    public LaneConfig withDevices(LaneDevices newDevices) {
        return new LaneConfig(id, name, direction, post, newDevices, rules);
    }
}
