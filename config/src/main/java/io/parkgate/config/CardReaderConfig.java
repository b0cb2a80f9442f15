package io.parkgate.config;

import java.time.Duration;

/**
 * An EM4100 card reader (docs/protocols.md §2).
 *
 * @param repeatWindow the same card again within this time is the same presentation (default 2 s)
 */
public record CardReaderConfig(TransportUri transport, Duration repeatWindow) {
}
