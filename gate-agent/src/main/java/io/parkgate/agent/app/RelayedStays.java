package io.parkgate.agent.app;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.StayRecord;
import io.parkgate.agent.uplink.StaySink;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.wire.StayChange;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this lane's store and open-stay index in step with the stays other lanes open and close, as central
 * relays them. Persisted first, so a restarted agent with no central still finds a vehicle that came in at
 * another gate. Idempotent: a stay opened twice, or closed when already closed, changes nothing.
 */
final class RelayedStays implements StaySink {

    private static final Logger LOG = LoggerFactory.getLogger(RelayedStays.class);

    private final String laneId;
    private final AgentStore store;
    private final OpenStays stays;

    RelayedStays(String laneId, AgentStore store, OpenStays stays) {
        this.laneId = laneId;
        this.store = store;
        this.stays = stays;
    }

    @Override
    public void changes(List<StayChange> changes) {
        for (StayChange c : changes) {
            try {
                apply(c);
            } catch (RuntimeException e) {
                // One bad record must not stop the rest; the lane still decides (no entry record) without it.
                LOG.warn("lane {}: relayed stay {} not applied: {}", laneId, c.entryEventId(), e.getMessage());
            }
        }
    }

    private void apply(StayChange c) {
        if (c.kind() == StayChange.Kind.OPENED) {
            if (laneId.equals(c.laneId())) {
                return; // our own entry: recorded with the passage
            }
            PayerCategory payer = payer(c.entryCode());
            if (store.openStay(new StayRecord(c.entryEventId(), c.laneId(), c.plate(), c.plate(), c.card(), payer,
                    c.at()))) {
                stays.add(new OpenStay(c.entryEventId(), c.plate(), c.card(), c.at(), c.laneId(), payer, null));
            }
        } else if (!laneId.equals(c.laneId())) {
            String exitId = UUID.nameUUIDFromBytes(("relayed-exit:" + c.entryEventId())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            store.closeStay(c.entryEventId(), exitId, c.at());
            stays.remove(c.entryEventId());
        }
    }

    /** Who pays for a stay, from the entry's decision (docs/domain.md: the entry's category prices the stay). */
    static PayerCategory payer(String entryCode) {
        DecisionCode code;
        try {
            code = entryCode == null ? DecisionCode.TEMPORARY : DecisionCode.valueOf(entryCode);
        } catch (IllegalArgumentException e) {
            return PayerCategory.TEMPORARY;
        }
        return switch (code) {
            case RESIDENT_PASS, RESIDENT_PASS_EXPIRING -> PayerCategory.PASS_HOLDER;
            case VISITOR -> PayerCategory.VISITOR;
            case POLICY_EXEMPT, MANAGEMENT_EXEMPT -> PayerCategory.EXEMPT;
            default -> PayerCategory.TEMPORARY;
        };
    }
}
