package io.parkgate.agent.uplink;

import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandSigner;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.RegistryCodec;
import io.parkgate.wire.SnapshotChunks;
import io.parkgate.wire.SpaceCodec;
import io.parkgate.wire.StayCodec;
import io.parkgate.wire.Topics;
import io.parkgate.wire.Topics.Channel;
import io.parkgate.wire.WireFormatException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What central sends one lane, routed to where it belongs: acks trim the outbox, registry snapshots and
 * deltas go to the registry (a gap asks for a resync), signed commands are verified before the lane sees
 * them, prepayments, relayed stays and the free-space count go to
 * their sinks. Apart from {@link LaneUplink} so that the
 * connection's life and the meaning of its messages are read, and changed, separately.
 */
final class InboundMessages {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final String laneId;
    private final Topics topics;
    private final Outbox outbox;
    private final RegistrySink registry;
    private final RegistryOrigin origin;
    private final SnapshotTransfer transfer;
    private final CommandSink commands;
    private final PrepaymentSink prepayments;
    private final StaySink stays;
    private final SpaceSink spaces;
    private final CommandVerifier verifier;
    private final Clock centralClock;
    private final Runnable requestResync;
    private final Consumer<EventAck.ClockEcho> clockEcho;

    /**
     * @param centralClock central's clock as this lane knows it (see {@link ClockCheck#centralClock()}): commands'
     *                     windows are judged on it
     * @param clockEcho    takes central's answer to a hello's clock
     */
    InboundMessages(UplinkConfig config, Clock centralClock, Outbox outbox, RegistrySink registry, CommandSink commands,
                    PrepaymentSink prepayments, StaySink stays, SpaceSink spaces, Runnable requestResync,
                    Consumer<EventAck.ClockEcho> clockEcho) {
        this.laneId = config.laneId();
        this.topics = new Topics(config.siteId());
        this.outbox = outbox;
        this.registry = registry;
        this.origin = new RegistryOrigin(config.dataDir());
        this.transfer = new SnapshotTransfer(laneId, config.commandSecret());
        this.commands = commands;
        this.prepayments = prepayments;
        this.stays = stays;
        this.spaces = spaces;
        this.verifier = new CommandVerifier(laneId, new CommandSigner(config.commandSecret()), outbox,
                centralClock);
        this.centralClock = centralClock;
        this.requestResync = requestResync;
        this.clockEcho = clockEcho;
    }

    /** The topics the lane subscribes to, all at QoS 1: its own channels and the site-wide broadcasts. */
    List<String> subscriptions() {
        return List.of(topics.lane(laneId, Channel.ACK), topics.lane(laneId, Channel.REGISTRY),
                topics.lane(laneId, Channel.CMD), topics.registryBroadcast(),
                topics.lane(laneId, Channel.PREPAID), topics.prepaidBroadcast(),
                topics.lane(laneId, Channel.STAYS), topics.staysBroadcast(), topics.spacesBroadcast());
    }

    /** Handles one message; a malformed one is logged with the reason and dropped, never thrown. */
    void handle(String topic, byte[] payload) {
        try {
            if (topic.equals(topics.registryBroadcast())) {
                if (SnapshotChunks.isChunk(payload)) {
                    // Snapshots are signed for one lane and sent on its own topic, never broadcast.
                    LOG.error("lane {}: registry snapshot chunk on the broadcast topic refused", laneId);
                    return;
                }
                onRegistry(payload);
                return;
            }
            if (topic.equals(topics.prepaidBroadcast())) {
                prepayments.prepaid(MessageCodec.decodePrepayment(payload));
                return;
            }
            if (topic.equals(topics.staysBroadcast())) {
                stays.changes(StayCodec.decode(payload));
                return;
            }
            if (topic.equals(topics.spacesBroadcast())) {
                spaces.spaces(SpaceCodec.decode(payload));
                return;
            }
            var lt = topics.parse(topic).filter(t -> t.laneId().equals(laneId));
            if (lt.isEmpty()) {
                LOG.warn("lane {}: message on unexpected topic {} ignored", laneId, topic);
                return;
            }
            switch (lt.get().channel()) {
                case ACK -> onAck(MessageCodec.decodeAck(payload));
                case REGISTRY -> {
                    if (SnapshotChunks.isChunk(payload)) {
                        onSnapshotChunk(payload);
                    } else {
                        onRegistry(payload);
                    }
                }
                case CMD -> onCommand(MessageCodec.decodeCommand(payload));
                case PREPAID -> prepayments.prepaid(MessageCodec.decodePrepayment(payload));
                case STAYS -> stays.changes(StayCodec.decode(payload));
                default -> LOG.warn("lane {}: unexpected channel on {}", laneId, topic);
            }
        } catch (WireFormatException e) {
            LOG.warn("lane {}: rejected message on {}: {}", laneId, topic, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("lane {}: handling message on {} failed", laneId, topic, e);
        }
    }

    private void onAck(EventAck ack) {
        int n = outbox.confirm(ack.eventIds());
        LOG.debug("lane {}: central confirmed {} events", laneId, n);
        if (ack.clock() != null) {
            clockEcho.accept(ack.clock());
        }
    }

    private void onRegistry(byte[] payload) {
        RegistryCodec.RegistryMessage m = RegistryCodec.decode(payload);
        long have = registry.registryVersion();
        if (m.resyncTo() != null) {
            if (m.resyncTo() > have || m.forced()) {
                LOG.info("lane {}: registry bulk change to version {}: asking for it", laneId, m.resyncTo());
                requestResync.run();
            }
            return;
        }
        if (m.snapshot() != null) {
            applySnapshot(m.snapshot(), m.store(), m.forced(), "");
            return;
        }
        RegistryDelta d = m.delta();
        if (origin.foreign(m.store())) {
            LOG.error("lane {}: registry delta from another central database (store {}) refused", laneId, m.store());
            return;
        }
        if (d.toVersion() <= have) {
            return;
        }
        if (d.fromVersion() != have) {
            LOG.info("lane {}: registry delta {}->{} does not follow our version {}: asking for resync",
                    laneId, d.fromVersion(), d.toVersion(), have);
            requestResync.run();
            return;
        }
        registry.delta(d);
        LOG.info("lane {}: registry now version {}", laneId, d.toVersion());
    }

    /**
     * One chunk of a snapshot sent to this lane. A refused transfer leaves the registry as it is; when central
     * signed it (so it was damaged, not forged) the lane asks again, which central answers at most
     * {@code REPLY_BURST} times a minute.
     */
    private void onSnapshotChunk(byte[] payload) {
        SnapshotTransfer.Complete done;
        try {
            done = transfer.accept(payload);
        } catch (SnapshotTransfer.Refused e) {
            LOG.error("lane {}: registry snapshot refused, the registry held is kept: {}", laneId, e.getMessage());
            if (e.fromCentral()) {
                requestResync.run();
            }
            return;
        }
        if (done != null) {
            applySnapshot(done.snapshot(), done.store(), done.forced(), " (" + done.chunks() + " chunks, "
                    + done.bodyBytes() + " bytes)");
        }
    }

    private void applySnapshot(RegistrySnapshot s, String store, boolean forced, String how) {
        String refusal = origin.refusal(store, forced, s, registry.registryVersion(), registry.vehicleCount());
        if (refusal != null) {
            LOG.error("lane {}: registry snapshot version {} ({} vehicles) refused: {}", laneId, s.version(),
                    s.vehicles().size(), refusal);
            return;
        }
        registry.snapshot(s);
        origin.remember(store);
        LOG.info("lane {}: registry snapshot version {} ({} vehicles) applied{}", laneId, s.version(),
                s.vehicles().size(), how);
    }

    private void onCommand(Command c) {
        CommandVerifier.Outcome o = verifier.verify(c);
        if (o != CommandVerifier.Outcome.ACCEPTED) {
            LOG.warn("lane {}: command {} {} by {} refused: {} (issued {}, expires {}; central's clock as this lane "
                    + "knows it: {})", laneId, c.commandId(), c.kind(), c.issuedBy(), o, c.issuedAt(), c.expiresAt(),
                    centralClock.instant());
            return;
        }
        LOG.info("lane {}: authenticated {} {} by {} for {}", laneId, c.kind(), c.commandId(), c.issuedBy(),
                c.plate());
        commands.accept(c);
    }
}
