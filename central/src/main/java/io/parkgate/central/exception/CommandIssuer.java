package io.parkgate.central.exception;

import io.parkgate.central.error.CentralException;
import io.parkgate.central.lane.LaneService;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.CommandSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds, signs (with the lane's secret) and sends release and manual-open commands. Preparing and
 * sending are separate so a command leaves only after the audited decision is committed.
 */
public final class CommandIssuer {

    private final LaneService lanes;
    private final Clock clock;
    private final Duration validity;
    private final Consumer<Command> transport;

    /**
     * @param validity  how long a command may be carried out (the agent refuses more than 5 min)
     * @param transport publishes the signed command on the lane's command topic
     */
    public CommandIssuer(LaneService lanes, Clock clock, Duration validity, Consumer<Command> transport) {
        this.lanes = lanes;
        this.clock = clock;
        this.validity = validity;
        this.transport = transport;
    }

    /** Builds and signs a command; nothing is sent until {@link #send}. */
    public Command prepare(String laneId, CommandKind kind, String exceptionId, String plate, String issuedBy,
                         String reason) {
        LaneService.Lane lane = lanes.lane(laneId)
                .orElseThrow(() -> CentralException.notFound("lane " + laneId + " is not provisioned"));
        Instant now = clock.instant();
        Command unsigned = new Command(UUID.randomUUID().toString(), laneId, kind, exceptionId, plate, issuedBy, reason,
                now, now.plus(validity), UUID.randomUUID().toString(), null);
        return new CommandSigner(lane.commandSecret()).sign(unsigned);
    }

    /** Publishes a prepared command; called once the decision that caused it is committed. */
    public void send(Command signed) {
        transport.accept(signed);
    }
}
