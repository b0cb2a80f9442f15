package io.parkgate.config;

import java.time.Duration;

/**
 * The lane I/O controller (Modbus RTU slave, docs/protocols.md §1).
 *
 * @param unitAddress     Modbus slave address 1..247
 * @param pollInterval    how often the four discrete inputs are read (default 50 ms)
 * @param pulseTime       OPEN/CLOSE relay pulse, 10 ms steps, 10 ms..5 s (default 300 ms)
 * @param responseTimeout a response later than this is a timeout (default 200 ms)
 * @param retries         retries of a command after a failure before a device fault (default 2)
 */
public record IoControllerConfig(TransportUri transport, int unitAddress, Duration pollInterval,
                                 Duration pulseTime, Duration responseTimeout, int retries) {
}
