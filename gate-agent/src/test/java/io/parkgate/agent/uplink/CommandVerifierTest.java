package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.testing.MutableClock;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.CommandSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandVerifierTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    private static final String SECRET = "north-out-secret-0123456789";
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T);
    private final CommandSigner signer = new CommandSigner(SECRET);

    private Command cmd(String lane, String nonce, Instant issued, Duration valid) {
        return signer.sign(new Command("c-" + nonce, lane, CommandKind.RELEASE, "x1", "粤B12345", "supervisor",
                "核实", issued, issued.plus(valid), nonce, null));
    }

    /** Verifies each refusal reason and that only a fresh, signed command for this lane is accepted once. */
    @Test
    void outcomes() {
        try (Outbox o = Outbox.open(dir, clock)) {
            CommandVerifier v = new CommandVerifier("north-out", signer, o, clock);
            Command ok = cmd("north-out", "n1", T, Duration.ofSeconds(60));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(ok));
            assertEquals(CommandVerifier.Outcome.REPLAYED, v.verify(ok));
            assertEquals(CommandVerifier.Outcome.WRONG_LANE, v.verify(cmd("south-out", "n2", T,
                    Duration.ofSeconds(60))));
            assertEquals(CommandVerifier.Outcome.BAD_SIGNATURE,
                    v.verify(new CommandSigner("another-secret-0123456").sign(ok.withSignature(null))));
            assertEquals(CommandVerifier.Outcome.BAD_SIGNATURE, v.verify(ok.withSignature("00")));
            assertEquals(CommandVerifier.Outcome.EXPIRED, v.verify(cmd("north-out", "n3", T.minusSeconds(120),
                    Duration.ofSeconds(60))));
            assertEquals(CommandVerifier.Outcome.NOT_YET_VALID, v.verify(cmd("north-out", "n4", T.plusSeconds(600),
                    Duration.ofSeconds(60))));
            assertEquals(CommandVerifier.Outcome.TOO_LONG_VALID, v.verify(cmd("north-out", "n5", T,
                    Duration.ofHours(2))));
            clock.advance(Duration.ofSeconds(61));
            assertEquals(CommandVerifier.Outcome.EXPIRED, v.verify(cmd("north-out", "n6", T, Duration.ofSeconds(60))));
        }
    }

    /**
     * Verifies that a release carried out is refused when sent again after the PC's clock was set back: before, its
     * nonce was forgotten once it had expired by the clock, and the clock set back made the command valid again.
     */
    @Test
    void aReplayAfterTheClockWasSetBackIsRefused() {
        try (Outbox o = Outbox.open(dir, clock)) {
            CommandVerifier v = new CommandVerifier("north-out", signer, o, clock);
            Command first = cmd("north-out", "n1", T, Duration.ofSeconds(60));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(first));
            clock.advance(Duration.ofMinutes(5));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(cmd("north-out", "n2", clock.instant(),
                    Duration.ofSeconds(60))));
            clock.set(T.plusSeconds(10));
            assertEquals(CommandVerifier.Outcome.REPLAYED, v.verify(first));
        }
    }

    /**
     * Verifies that nonces are forgotten by number, oldest first, and that a command expiring at or before the
     * newest forgotten expiry is refused whatever the clock says, while newer ones are taken; across a restart too.
     */
    @Test
    void forgottenNoncesLeaveAHorizonBehind() {
        try (Outbox o = Outbox.open(dir, clock, 2)) {
            CommandVerifier v = new CommandVerifier("north-out", signer, o, clock);
            Command a = cmd("north-out", "a", T, Duration.ofSeconds(60));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(a));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(cmd("north-out", "b", T, Duration.ofSeconds(61))));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(cmd("north-out", "c", T, Duration.ofSeconds(62))));
            assertEquals(CommandVerifier.Outcome.REPLAYED, v.verify(a), "forgotten, and behind the horizon");
        }
        try (Outbox o = Outbox.open(dir, clock, 2)) {
            CommandVerifier v = new CommandVerifier("north-out", signer, o, clock);
            assertEquals(CommandVerifier.Outcome.REPLAYED, v.verify(cmd("north-out", "d", T.minusSeconds(1),
                    Duration.ofSeconds(61))), "a command no newer than one forgotten");
            assertEquals(CommandVerifier.Outcome.REPLAYED, v.verify(cmd("north-out", "b", T, Duration.ofSeconds(61))));
            assertEquals(CommandVerifier.Outcome.ACCEPTED, v.verify(cmd("north-out", "e", T, Duration.ofSeconds(63))));
        }
    }
}
