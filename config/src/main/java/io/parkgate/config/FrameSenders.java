package io.parkgate.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may POST frames to an imaging lane ({@code devices.camera.frameSenders}): IP addresses
 * ({@code 10.0.3.21}) and CIDR blocks ({@code 10.0.3.0/24}, {@code fd00::/64}), literals only, since a
 * host name would make the lane's safety depend on DNS. An entry is parsed as a literal only (never looked up),
 * and a sender matches when the first prefix-length bits of its address equal the entry's.
 */
public final class FrameSenders {

    static final String EXPECTED = "a list of the camera's IP addresses or CIDR blocks allowed to POST frames, "
            + "e.g. [10.0.3.21] or [10.0.3.0/24]";

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final List<String> allowed;
    private final List<Block> rules;

    /** One address block: its first {@code prefix} bits. */
    private record Block(byte[] address, int prefix) {

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != address.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (b[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (b[whole] & mask) == (address[whole] & mask);
        }
    }

    private FrameSenders(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        this.rules = allowed.stream().map(FrameSenders::block).toList();
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
        return remote != null && remote.getAddress() != null
                && rules.stream().anyMatch(r -> r.contains(remote.getAddress()));
    }

    /** What is wrong with one entry, or null when it is an IP literal with an optional fitting prefix. */
    static String problem(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && literal(address) == null) {
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

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(address).getAddress(); // checked by problem() in of()
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        return new Block(bytes, prefix);
    }

    /**
     * The address of an IPv4 or IPv6 literal, or null. Only text shaped like a literal reaches the JDK's parser
     * (dotted decimals, or hex groups with colons), so a host name is refused here and never looked up.
     */
    private static InetAddress literal(String address) {
        boolean v6 = address.indexOf(':') >= 0 && address.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == ':' || c == '.');
        if (!v6 && !IPV4.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return allowed.toString();
    }
}
