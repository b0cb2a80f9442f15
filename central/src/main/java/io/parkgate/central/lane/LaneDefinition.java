package io.parkgate.central.lane;

import io.parkgate.config.Direction;
import io.parkgate.wire.Topics;

/**
 * A lane as central provisions it.
 *
 * @param post          the attendant post (岗亭) whose shift takes this lane's cash
 * @param mqttPassword  the lane agent's own MQTT password (its user name is the lane id), generated, >= 12 chars
 * @param commandSecret the HMAC key of release commands to this lane (at least 16 characters)
 */
public record LaneDefinition(String laneId, String post, Direction direction, String mqttPassword,
                             String commandSecret, String name) {

    /** A lane without a name of its own (the console shows its id). */
    public LaneDefinition(String laneId, String post, Direction direction, String mqttPassword, String commandSecret) {
        this(laneId, post, direction, mqttPassword, commandSecret, null);
    }

    public LaneDefinition {
        Topics.requireId("laneId", laneId);
        if (post == null || post.isBlank()) {
            throw new IllegalArgumentException("lane " + laneId + ": post is required");
        }
        if (direction == null) {
            throw new IllegalArgumentException("lane " + laneId + ": direction is required");
        }
        if (mqttPassword == null || mqttPassword.length() < 12) {
            // Stored as salted SHA-256 (see Passwords.fastHash): it must be a generated secret, not a word.
            throw new IllegalArgumentException("lane " + laneId + ": MQTT password must be at least 12 characters");
        }
        if (commandSecret == null || commandSecret.length() < 16) {
            throw new IllegalArgumentException("lane " + laneId + ": command secret must be at least 16 characters");
        }
    }

    /** Without the lane's secrets. */
    @Override
    public String toString() {
        return "LaneDefinition[" + laneId + ", post " + post + ", " + direction + "]";
    }
}
