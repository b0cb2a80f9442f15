package io.parkgate.agent.app;

import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.Prepayment;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what central asked ({@link CentralOrders}) on one lane, on its own thread: a release opens only
 * for the held vehicle it names and only while that vehicle still waits; a manual open opens; a prepayment
 * marks the stay paid ({@link Prepayments}).
 */
final class LaneOrders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaneOrders.class);

    private final String laneId;
    private final CentralOrders orders;
    private final LaneJournal journal;
    private final LaneRuntime runtime;
    private final Prepayments prepayments;
    private final Clock clock;
    private final Thread worker;

    LaneOrders(String laneId, CentralOrders orders, LaneJournal journal, LaneRuntime runtime, Prepayments prepayments,
               Clock clock) {
        this.laneId = laneId;
        this.orders = orders;
        this.journal = journal;
        this.runtime = runtime;
        this.prepayments = prepayments;
        this.clock = clock;
        this.worker = new Thread(this::work, "orders-" + laneId);
        worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    private void work() {
        try {
            while (true) {
                Object order = orders.take();
                try {
                    if (order instanceof Command c) {
                        command(c);
                    } else if (order instanceof Prepayment p) {
                        prepayments.prepaid(p);
                    }
                } catch (RuntimeException e) {
                    LOG.error("lane {}: order from central could not be carried out; barrier left as it is", laneId,
                            e);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** An authenticated command (the uplink verified signature, lane, expiry and nonce). */
    private void command(Command command) {
        if (command.kind() == CommandKind.CORRECT_PLATE) {
            correctPlate(command);
            return;
        }
        Authorisation.Kind kind = command.kind() == CommandKind.RELEASE ? Authorisation.Kind.RELEASE
                : Authorisation.Kind.MANUAL;
        Authorisation how = new Authorisation(kind, command.issuedBy(), command.reason(), 0);
        CompletionStage<Boolean> opened;
        if (command.kind() == CommandKind.RELEASE) {
            String visit = journal.heldVisit(command.exceptionId());
            if (visit == null) {
                LOG.warn("lane {}: release {} names exception {} that is not waiting here; not opened",
                        laneId, command.commandId(), command.exceptionId());
                return;
            }
            opened = runtime.release(visit, how);
        } else {
            opened = runtime.manualOpen(how);
        }
        opened.whenComplete((ok, failure) -> {
            if (Boolean.TRUE.equals(ok)) {
                journal.released(command.commandId(), command.plate(), clock.instant());
            } else {
                LOG.warn("lane {}: command {} ({}) did not open: {}", laneId, command.commandId(), command.kind(),
                        failure != null ? failure.getMessage() : "the vehicle is no longer waiting");
            }
        });
    }

    /** The booth corrected the held vehicle's plate: the lane decides again with it (never opens by itself). */
    private void correctPlate(Command command) {
        String visit = journal.heldVisit(command.exceptionId());
        if (visit == null) {
            LOG.warn("lane {}: plate correction {} names exception {} that is not waiting here; ignored", laneId,
                    command.commandId(), command.exceptionId());
            return;
        }
        LOG.info("lane {}: plate of the held vehicle corrected by {} ({}); deciding again", laneId,
                command.issuedBy(), command.reason());
        runtime.plateCorrected(visit, command.plate()).whenComplete((decided, failure) -> {
            if (!Boolean.TRUE.equals(decided)) {
                LOG.warn("lane {}: plate correction {} not applied: {}", laneId, command.commandId(),
                        failure != null ? failure.getMessage() : "the vehicle is no longer waiting");
            }
        });
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
