package io.parkgate.central.mqtt;

import io.parkgate.wire.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may publish and subscribe where (docs/mqtt.md "Security"). A lane agent logs in as its lane; it may publish
 * only on its own lane's agent channels and read only its own lane's central channels and its own site's
 * broadcasts. Central's own user may do everything under the sites it serves.
 *
 * <p>A central serving several sites (docs/scaling.md) tells their lanes apart by the user name
 * {@code <lane>@<site>} ({@link #laneUser}); a plain lane id names the lane of the one site that has a lane of that
 * id, and no lane when two sites do (the same lane id may repeat at two compounds).
 */
public final class LaneAcl {

    /** A lane's MQTT user as resolved: its site's topics and its lane id. */
    public record LaneUser(Topics topics, String laneId) {
        public String site() {
            return topics.siteId();
        }
    }

    private final Map<String, Topics> sites = new LinkedHashMap<>();
    private final String centralUser;
    /** The sites that have a lane of the given id (for plain lane ids at a central of several sites). */
    private final Function<String, Set<String>> sitesWithLane;

    /** One site: a lane logs in with its lane id. */
    public LaneAcl(Topics topics, String centralUser) {
        this(List.of(topics), centralUser, lane -> Set.of(topics.siteId()));
    }

    /**
     * @param sitesWithLane which of the sites have a lane of the given id
     */
    public LaneAcl(List<Topics> topics, String centralUser, Function<String, Set<String>> sitesWithLane) {
        topics.forEach(t -> sites.put(t.siteId(), t));
        this.centralUser = centralUser;
        this.sitesWithLane = sitesWithLane;
    }

    /**
     * The MQTT user name of a lane at a central serving several sites: {@code <lane>@<site>} ({@code @} is in no
     * id, and brokers' password files take it, unlike {@code :}).
     */
    public static String laneUser(String site, String laneId) {
        return laneId + "@" + site;
    }

    /** The lane an MQTT user name stands for, if any (never for central's own user). */
    public Optional<LaneUser> lane(String user) {
        if (user == null || centralUser.equals(user)) {
            return Optional.empty();
        }
        int at = user.lastIndexOf('@');
        if (at >= 0) {
            Topics t = sites.get(user.substring(at + 1));
            String lane = user.substring(0, at);
            return t == null || lane.isEmpty() ? Optional.empty() : Optional.of(new LaneUser(t, lane));
        }
        if (sites.size() == 1) {
            return Optional.of(new LaneUser(sites.values().iterator().next(), user));
        }
        Set<String> with = sitesWithLane.apply(user);
        return with.size() == 1 && sites.containsKey(with.iterator().next())
                ? Optional.of(new LaneUser(sites.get(with.iterator().next()), user)) : Optional.empty();
    }

    public boolean canWrite(String user, String topic) {
        if (centralUser.equals(user)) {
            return underASite(topic);
        }
        Optional<LaneUser> u = lane(user);
        if (u.isEmpty()) {
            return false;
        }
        Optional<Topics.LaneTopic> t = u.get().topics().parse(topic);
        return t.isPresent() && t.get().laneId().equals(u.get().laneId()) && t.get().channel().fromAgent();
    }

    /** {@code filter} may be a subscription filter; wildcards are allowed for central only. */
    public boolean canRead(String user, String filter) {
        if (centralUser.equals(user)) {
            return underASite(filter) || filter.startsWith("$share/") && underASite(shared(filter));
        }
        Optional<LaneUser> u = lane(user);
        if (u.isEmpty()) {
            return false;
        }
        Topics topics = u.get().topics();
        if (filter.equals(topics.registryBroadcast()) || filter.equals(topics.prepaidBroadcast())
                || filter.equals(topics.staysBroadcast()) || filter.equals(topics.spacesBroadcast())) {
            return true;
        }
        Optional<Topics.LaneTopic> t = topics.parse(filter);
        return t.isPresent() && t.get().laneId().equals(u.get().laneId()) && !t.get().channel().fromAgent();
    }

    private boolean underASite(String topic) {
        return sites.keySet().stream().anyMatch(s -> topic.startsWith("parkgate/" + s + "/"));
    }

    /** {@code $share/<group>/<filter>}: the filter. */
    private static String shared(String filter) {
        int second = filter.indexOf('/', "$share/".length());
        return second < 0 ? "" : filter.substring(second + 1);
    }

    /**
     * The rules of a group of sites as a Mosquitto ACL file: central reads and writes under every site; each lane,
     * as user {@code <lane>@<site>}, only its own lane's topics and its own site's broadcasts, written out per lane
     * (a pattern on the user name cannot tell two sites' lanes of the same id apart).
     *
     * @param lanesBySite each site's lane ids
     */
    public static String mosquittoGroupAcl(String centralUser, Map<String, List<String>> lanesBySite) {
        StringBuilder b = new StringBuilder("# parkgate ACL for the sites ").append(lanesBySite.keySet())
                .append('\n').append("user ").append(centralUser).append('\n');
        lanesBySite.keySet().forEach(site -> b.append("topic readwrite parkgate/").append(site).append("/#\n"));
        lanesBySite.forEach((site, lanes) -> {
            Topics topics = new Topics(site);
            for (String lane : lanes) {
                b.append('\n').append("user ").append(laneUser(site, lane)).append('\n');
                for (Topics.Channel ch : Topics.Channel.values()) {
                    b.append("topic ").append(ch.fromAgent() ? "write " : "read ").append(topics.lane(lane, ch))
                            .append('\n');
                }
                b.append("topic read ").append(topics.registryBroadcast()).append('\n');
                b.append("topic read ").append(topics.prepaidBroadcast()).append('\n');
                b.append("topic read ").append(topics.staysBroadcast()).append('\n');
                b.append("topic read ").append(topics.spacesBroadcast()).append('\n');
            }
        });
        return b.toString();
    }

    /**
     * The same rules as a Mosquitto ACL file ({@code acl_file}), for running central against an external
     * broker: {@code %u} is the user name, so one pattern block covers every lane. For the first site only (one
     * file per site; a broker shared by several sites needs its users named per lane).
     */
    public String mosquittoAcl() {
        Topics topics = sites.values().iterator().next();
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
