package io.parkgate.central.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether this central is one of several serving the same sites on one PostgreSQL database (docs/scaling.md,
 * "Several centrals"), and if so under which names.
 *
 * @param ingestGroup the MQTT shared-subscription group the centrals read lane events and hellos through
 *                    ({@code $share/<group>/...}), so each message reaches one of them; null: this central is the
 *                    only one (today's behaviour: plain subscriptions, no leases, no relayed live feed)
 * @param instance    this central's name among them: in its MQTT client id and as the holder of leases; unique
 *                    per running central
 */
public record Cluster(String ingestGroup, String instance) {

    private static final String NAME = "[A-Za-z0-9_.-]{1,64}";

    public Cluster {
        if (ingestGroup != null && !ingestGroup.matches(NAME)) {
            throw new IllegalArgumentException("the ingest group must be 1..64 of A-Z a-z 0-9 _ . - (it is part of "
                    + "an MQTT topic filter), was '" + ingestGroup + "'");
        }
        if (instance != null && !instance.matches(NAME)) {
            throw new IllegalArgumentException("the instance name must be 1..64 of A-Z a-z 0-9 _ . -, was '"
                    + instance + "'");
        }
        if (ingestGroup != null && instance == null) {
            instance = defaultInstance();
        }
    }

    /** One central, as before. */
    public static Cluster single() {
        return new Cluster(null, null);
    }

    /** One of several centrals reading lane events through {@code ingestGroup}; null instance: host and pid. */
    public static Cluster several(String ingestGroup, String instance) {
        if (ingestGroup == null) {
            throw new IllegalArgumentException("several centrals need an ingest group");
        }
        return new Cluster(ingestGroup, instance);
    }

    public boolean several() {
        return ingestGroup != null;
    }

    /** The host's name and this process's id: unique among centrals unless two hosts share a name. */
    static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "central";
        }
        String name = (host + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9_.-]", "-");
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }

    @Override
    public String toString() {
        return several() ? "one of several centrals (ingest group " + ingestGroup + ", instance " + instance + ")"
                : "the only central";
    }
}
