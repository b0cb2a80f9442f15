package io.parkgate.agent.device.transport;

import java.io.IOException;

/** Opens a fresh {@link ByteLink} to one device; called again after every loss of the link. */
@FunctionalInterface
public interface LinkOpener {

    /**
     * @throws IOException whose message says why the device cannot be reached now (retried later)
     */
    ByteLink open() throws IOException;
}
