package io.parkgate.central.console;

import io.parkgate.central.testing.BareMqtt;
import io.parkgate.plate.PlateColour;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.Command;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;

/** A lane as central sees it over MQTT: publishes events and status under the lane's credentials, logs commands. */
final class LaneSide implements AutoCloseable {

    final List<Command> commands = new CopyOnWriteArrayList<>();
    /** What central told every lane was paid away from it (desk payments, waivers). */
    final List<io.parkgate.wire.Prepayment> prepayments = new CopyOnWriteArrayList<>();
    private final MqttClient client;
    private final Topics topics;
    private final String laneId;

    LaneSide(String brokerUrl, String site, String laneId, String password) throws Exception {
        this.topics = new Topics(site);
        this.laneId = laneId;
        this.client = BareMqtt.subscribed(brokerUrl, "agent-" + laneId, laneId, password, Map.of(
                topics.lane(laneId, Topics.Channel.CMD),
                (t, m) -> commands.add(MessageCodec.decodeCommand(m.getPayload())),
                topics.prepaidBroadcast(),
                (t, m) -> prepayments.add(MessageCodec.decodePrepayment(m.getPayload()))));
    }

    void status(boolean online, int queue) throws Exception {
        LaneStatus s = new LaneStatus(laneId, online, Instant.now(), BarrierState.CLOSED,
                List.of(new LaneStatus.DeviceStatus("IO", "CONNECTED", ""),
                        new LaneStatus.DeviceStatus("CAMERA", "CONNECTED", "")), queue);
        client.publish(topics.lane(laneId, Topics.Channel.STATUS), MessageCodec.encode(s), 1, true);
    }

    /** Publishes an idle lane's status carrying its last clock check, as an agent does after central's echo. */
    void clock(LaneStatus.ClockOffset clock) throws Exception {
        LaneStatus s = new LaneStatus(laneId, true, Instant.now(), BarrierState.CLOSED,
                List.of(new LaneStatus.DeviceStatus("IO", "CONNECTED", "")), 0, null, clock);
        client.publish(topics.lane(laneId, Topics.Channel.STATUS), MessageCodec.encode(s), 1, true);
    }

    /** Publishes the status of a lane holding a temporary vehicle at its barrier for a fee, as an agent does. */
    void holding(String plate, long feeFen) throws Exception {
        Instant now = Instant.now();
        LaneStatus s = new LaneStatus(laneId, true, now, BarrierState.CLOSED,
                List.of(new LaneStatus.DeviceStatus("IO", "CONNECTED", ""),
                        new LaneStatus.DeviceStatus("CAMERA", "CONNECTED", "")), 1,
                new LaneStatus.Waiting(UUID.randomUUID().toString(), now, plate, plate, 93, null, "COLLECT_FEE",
                        "TEMPORARY", "临时车辆，请收费", feeFen, null));
        client.publish(topics.lane(laneId, Topics.Channel.STATUS), MessageCodec.encode(s), 1, true);
    }

    /** Publishes a lane event the way an agent does; returns its event id. */
    String event(EventType type, String plate, int confidence, String card, String code, String reason, Long feeFen,
                 String remark) throws Exception {
        return event(type, plate, confidence, card, code, reason, feeFen, remark, null);
    }

    /** As {@link #event}, with the camera's reference to its frame. */
    String event(EventType type, String plate, int confidence, String card, String code, String reason, Long feeFen,
                 String remark, String snapshotRef) throws Exception {
        return event(type, plate, PlateColour.BLUE, Instant.now(), confidence, card, code, reason, feeFen, remark,
                snapshotRef);
    }

    /** As {@link #event}, with the plate's colour and when it happened. */
    String event(EventType type, String plate, PlateColour colour, Instant at, int confidence, String card, String code,
                 String reason, Long feeFen, String remark, String snapshotRef) throws Exception {
        String id = UUID.randomUUID().toString();
        LaneEvent e = new LaneEvent(id, laneId, type, at, plate, plate, colour, confidence, card,
                code, reason, feeFen, null, remark, snapshotRef, null);
        client.publish(topics.lane(laneId, Topics.Channel.EVENT), MessageCodec.encode(e), 1, false);
        return id;
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        client.close();
    }
}
