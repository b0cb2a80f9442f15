package io.parkgate.simulator.device;

import java.time.Instant;

/** One command the agent gave the I/O controller, at simulated time {@code at}. */
public record JournalEntry(Instant at, Command command, String detail) {

    public enum Command { OPEN, CLOSE, LAMP_GREEN, LAMP_RED, PULSE_TIME, OPEN_OFF, CLOSE_OFF }
}
