package io.parkgate.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port nothing listens on, for a server a test names by number before it starts (another process, a
 * site file, a broker's configuration). Chosen below the kernel's ephemeral range (32768 and up), so no
 * outgoing connection can take it between the choice and the server's bind; tried by binding it once.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port free on every local interface a moment ago. */
    public static int take() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket s = new ServerSocket(port)) {
                s.setReuseAddress(true);
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000 after 500 attempts");
    }

    /** {@code count} distinct free ports, e.g. for {@code siteYaml.formatted(FreePorts.take(8))}. */
    public static Integer[] take(int count) {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(take());
        }
        return ports.toArray(Integer[]::new);
    }
}
