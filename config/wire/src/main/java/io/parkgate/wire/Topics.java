package io.parkgate.wire;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic names of one site (docs/mqtt.md). Everything lives under {@code parkgate/<siteId>/}; a lane's
 * own traffic under {@code parkgate/<siteId>/lane/<laneId>/<channel>}, which is what broker ACLs key on.
 */
public final class Topics {

    /** Site and lane ids are used in topics and ACLs: no wildcards, separators or spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final String siteId;
    private final String root;

    public Topics(String siteId) {
        this.siteId = requireId("siteId", siteId);
        this.root = "parkgate/" + siteId + "/";
    }

    /** Checks an id that goes into a topic; throws with the offending value. */
    public static String requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " '" + id + "' must match " + ID.pattern());
        }
        return id;
    }

    public String siteId() {
        return siteId;
    }

    public String lane(String laneId, Channel channel) {
        return root + "lane/" + requireId("laneId", laneId) + "/" + channel.segment();
    }

    /** Subscription filter for one channel of every lane (central side). */
    public String allLanes(Channel channel) {
        return root + "lane/+/" + channel.segment();
    }

    /** Registry deltas broadcast to every agent of the site. */
    public String registryBroadcast() {
        return root + "registry/delta";
    }

    /** Payments away from the lane, broadcast to every agent of the site. */
    public String prepaidBroadcast() {
        return root + "prepaid";
    }

    /** Stays opened and closed at any lane, relayed by central to every agent ({@link StayChange}). */
    public String staysBroadcast() {
        return root + "stays";
    }

    /**
     * The car park's free spaces as central counts them ({@link SpaceCount}), retained, so an agent that
     * (re)connects gets the latest count at once.
     */
    public String spacesBroadcast() {
        return root + "spaces";
    }

    /** The lane and channel of a lane topic of this site, or empty for anything else. */
    public Optional<LaneTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(root + "lane/")) {
            return Optional.empty();
        }
        String[] rest = topic.substring(root.length() + 5).split("/", -1);
        if (rest.length != 2 || !ID.matcher(rest[0]).matches()) {
            return Optional.empty();
        }
        return Channel.fromSegment(rest[1]).map(c -> new LaneTopic(rest[0], c));
    }

    /** A parsed lane topic. */
    public record LaneTopic(String laneId, Channel channel) {
    }

    /** The per-lane channels; the direction is part of the contract and of the ACL. */
    public enum Channel {
        /** agent → central, QoS 1: one {@link LaneEvent} per message. */
        EVENT("event", true),
        /** agent → central, QoS 1, retained; also the last will: {@link LaneStatus}. */
        STATUS("status", true),
        /** agent → central, QoS 1: {@link Hello}, sent after every connect and to ask for a resync. */
        HELLO("hello", true),
        /** central → agent, QoS 1: {@link EventAck}. */
        ACK("ack", false),
        /** central → agent, QoS 1: a registry snapshot or delta for this lane only. */
        REGISTRY("registry", false),
        /** central → agent, QoS 1: a signed {@link Command}. */
        CMD("cmd", false),
        /** central → agent, QoS 1: the recent {@link Prepayment}s again, after the agent's hello. */
        PREPAID("prepaid", false),
        /** central → agent, QoS 1: the site's open stays, after the agent's hello ({@link StayChange}). */
        STAYS("stays", false);

        private final String segment;
        private final boolean fromAgent;

        Channel(String segment, boolean fromAgent) {
            this.segment = segment;
            this.fromAgent = fromAgent;
        }

        public String segment() {
            return segment;
        }

        /** True when the lane's agent publishes on it (and central only reads it). */
        public boolean fromAgent() {
            return fromAgent;
        }

        static Optional<Channel> fromSegment(String s) {
            for (Channel c : values()) {
                if (c.segment.equals(s)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }
}
