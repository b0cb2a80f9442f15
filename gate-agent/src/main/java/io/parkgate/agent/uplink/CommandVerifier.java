package io.parkgate.agent.uplink;

import io.parkgate.wire.Command;
import io.parkgate.wire.CommandSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a command from central may open this lane's barrier: signed with this lane's secret,
 * addressed to this lane, inside its validity window and never seen before (nonce kept in the outbox so
 * a replay is refused across restarts too).
 *
 * <p>The window is judged on central's clock as the lane knows it (the clock given here): a command carries
 * central's times, and a lane PC whose clock is hours off would otherwise refuse every release.
 */
public final class CommandVerifier {

    /** Central's clock and ours may differ a little; a command issued further in the future is refused. */
    static final Duration MAX_SKEW = Duration.ofSeconds(30);
    /** Release commands are meant to be used at once; a longer validity is not accepted. */
    static final Duration MAX_VALIDITY = Duration.ofMinutes(5);

    private final String laneId;
    private final CommandSigner signer;
    private final Outbox nonces;
    private final Clock clock;

    /** @param clock central's clock as this lane knows it, on which the command's window is judged */
    public CommandVerifier(String laneId, CommandSigner signer, Outbox nonces, Clock clock) {
        this.laneId = laneId;
        this.signer = signer;
        this.nonces = nonces;
        this.clock = clock;
    }

    /** The outcome; only ACCEPTED may open. */
    public enum Outcome { ACCEPTED, BAD_SIGNATURE, WRONG_LANE, EXPIRED, NOT_YET_VALID, TOO_LONG_VALID, REPLAYED }

    public Outcome verify(Command c) {
        if (!signer.verify(c)) {
            return Outcome.BAD_SIGNATURE;
        }
        if (!laneId.equals(c.laneId())) {
            return Outcome.WRONG_LANE;
        }
        Instant now = clock.instant();
        if (!now.isBefore(c.expiresAt())) {
            return Outcome.EXPIRED;
        }
        if (c.issuedAt().isAfter(now.plus(MAX_SKEW))) {
            return Outcome.NOT_YET_VALID;
        }
        if (Duration.between(c.issuedAt(), c.expiresAt()).compareTo(MAX_VALIDITY) > 0) {
            return Outcome.TOO_LONG_VALID;
        }
        // Last, so only an otherwise valid command uses up its nonce.
        if (!nonces.rememberNonce(c.nonce(), c.expiresAt())) {
            return Outcome.REPLAYED;
        }
        return Outcome.ACCEPTED;
    }
}
