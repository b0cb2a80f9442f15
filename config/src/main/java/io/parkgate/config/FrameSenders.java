package io.parkgate.config;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Who may POST frames to an imaging lane ({@code devices.camera.frameSenders}): IP addresses
 * ({@code 10.0.3.21}) and CIDR blocks ({@code 10.0.3.0/24}, {@code fd00::/64}), literals only, since a
 * host name would make the lane's safety depend on DNS. Matching is Netty's subnet rule (Netty comes
 * with Vert.x).
 */
public final class FrameSenders {

    static final String EXPECTED = "a list of the camera's IP addresses or CIDR blocks allowed to POST frames, "
            + "e.g. [10.0.3.21] or [10.0.3.0/24]";

    private final List<String> allowed;
    private final List<IpSubnetFilterRule> rules;

    private FrameSenders(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        this.rules = allowed.stream().map(FrameSenders::rule).toList();
    }

    /** The senders of a camera's {@link CameraConfig#frameSenders()} (validated by the loader). */
    public static FrameSenders of(List<String> allowed) {
        for (String a : allowed) {
            String wrong = problem(a);
            if (wrong != null) {
                throw new IllegalArgumentException("frame sender '" + a + "': " + wrong);
            }
        }
        return new FrameSenders(allowed);
    }

    /** Whether a request from {@code remote} may deliver frames. */
    public boolean allows(InetSocketAddress remote) {
        return remote != null && remote.getAddress() != null && rules.stream().anyMatch(r -> r.matches(remote));
    }

    /** What is wrong with one entry, or null when it is an IP literal with an optional fitting prefix. */
    static String problem(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v4 = NetUtil.isValidIpV4Address(address);
        if (!v4 && !NetUtil.isValidIpV6Address(address)) {
            return "not an IPv4 or IPv6 address";
        }
        if (slash < 0) {
            return null;
        }
        int max = v4 ? 32 : 128;
        try {
            int prefix = Integer.parseInt(entry.substring(slash + 1));
            return prefix >= 0 && prefix <= max ? null : "prefix length must be 0.." + max;
        } catch (NumberFormatException e) {
            return "prefix length must be a number 0.." + max;
        }
    }

    private static IpSubnetFilterRule rule(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        int prefix = slash < 0 ? (NetUtil.isValidIpV4Address(address) ? 32 : 128)
                : Integer.parseInt(entry.substring(slash + 1));
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    @Override
    public String toString() {
        return allowed.toString();
    }
}
