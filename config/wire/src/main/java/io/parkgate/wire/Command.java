package io.parkgate.wire;

import java.time.Instant;

/**
 * A command from central to one lane, signed with the lane's secret (HMAC-SHA256, see
 * {@link CommandSigner}). The agent opens only when the signature verifies, the lane is its own, the
 * command has not expired and its nonce was never seen before.
 *
 * @param exceptionId the resolved exception for RELEASE, else null
 * @param issuedBy    the central user who released
 * @param signature   lower-case hex HMAC over {@link CommandSigner#canonical(Command)}; null before signing
 */
public record Command(String commandId, String laneId, CommandKind kind, String exceptionId, String plate,
                      String issuedBy, String reason, Instant issuedAt, Instant expiresAt, String nonce,
                      String signature) {

    public Command withSignature(String sig) {
        return new Command(commandId, laneId, kind, exceptionId, plate, issuedBy, reason, issuedAt, expiresAt, nonce,
                sig);
    }
}
