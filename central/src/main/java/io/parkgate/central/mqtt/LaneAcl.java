package io.parkgate.central.mqtt;

import io.parkgate.wire.Topics;
import java.util.Optional;

/**
 * Who may publish and subscribe where (docs/mqtt.md "Security"). A lane agent logs in with its lane id
 * as user name; it may publish only on its own lane's agent channels and read only its own lane's
 * central channels and the registry broadcast. Central's own user may do everything under the site.
 */
public final class LaneAcl {

    private final Topics topics;
    private final String centralUser;

    public LaneAcl(Topics topics, String centralUser) {
        this.topics = topics;
        this.centralUser = centralUser;
    }

    public boolean canWrite(String user, String topic) {
        if (centralUser.equals(user)) {
            return topic.startsWith("parkgate/" + topics.siteId() + "/");
        }
        Optional<Topics.LaneTopic> t = topics.parse(topic);
        return t.isPresent() && t.get().laneId().equals(user) && t.get().channel().fromAgent();
    }

    /** {@code filter} may be a subscription filter; wildcards are allowed for central only. */
    public boolean canRead(String user, String filter) {
        if (centralUser.equals(user)) {
            return filter.startsWith("parkgate/" + topics.siteId() + "/");
        }
        if (filter.equals(topics.registryBroadcast()) || filter.equals(topics.prepaidBroadcast())
                || filter.equals(topics.staysBroadcast()) || filter.equals(topics.spacesBroadcast())) {
            return true;
        }
        Optional<Topics.LaneTopic> t = topics.parse(filter);
        return t.isPresent() && t.get().laneId().equals(user) && !t.get().channel().fromAgent();
    }

    /**
     * The same rules as a Mosquitto ACL file ({@code acl_file}), for running central against an external
     * broker: {@code %u} is the user name, so one pattern block covers every lane.
     */
    public String mosquittoAcl() {
        String root = "parkgate/" + topics.siteId();
        StringBuilder b = new StringBuilder("# parkgate ACL for site ").append(topics.siteId()).append('\n');
        b.append("user ").append(centralUser).append('\n').append("topic readwrite ").append(root).append("/#\n\n");
        for (Topics.Channel ch : Topics.Channel.values()) {
            b.append("pattern ").append(ch.fromAgent() ? "write " : "read ").append(root).append("/lane/%u/")
                    .append(ch.segment()).append('\n');
        }
        b.append("pattern read ").append(topics.registryBroadcast()).append('\n');
        b.append("pattern read ").append(topics.prepaidBroadcast()).append('\n');
        b.append("pattern read ").append(topics.staysBroadcast()).append('\n');
        b.append("pattern read ").append(topics.spacesBroadcast()).append('\n');
        return b.toString();
    }
}
