package io.parkgate.agent.store;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.wire.PaymentMethod;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The child process of {@link AgentStoreCrashIT}: records passages as fast as it can, the lane's way
 * (journalled, then registered), and prints each one's id once it is journalled (where the lane writes
 * OPEN), until it is killed. A kill between the two steps leaves a pending passage the next open registers.
 *
 * <pre>IN &lt;entryId&gt; | OUT &lt;exitId&gt; &lt;entryId&gt; | PAID &lt;exitId&gt; &lt;receiptNo&gt; | REG
 * &lt;version&gt;</pre>
 *
 * Beside the passages a second thread replaces the registry over and over with snapshots whose every
 * vehicle names the snapshot's version, so a kill also lands in the middle of a registry load.
 *
 * Arguments: data directory, lane id, first plate number (so successive runs use fresh plates).
 */
public final class CrashingLaneMain {

    static final int REGISTRY_VEHICLES = 5_000;

    private CrashingLaneMain() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        String laneId = args[1];
        int plate = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        Deque<PassageRecord> inside = new ArrayDeque<>();
        AgentStore store = AgentStore.open(dataDir, laneId, clock);
        out.println("READY");
        out.flush();
        Thread registry = new Thread(() -> {
            for (long version = store.registryVersion() + 1; ; version++) {
                store.replaceRegistry(registry(version));
                synchronized (out) {
                    out.println("REG " + version);
                    out.flush();
                }
            }
        }, "registry-loader");
        registry.setDaemon(true);
        registry.start();
        for (long i = 0; ; i++) {
            Instant now = clock.instant();
            PassageRecord entry = new PassageRecord(Rows.id(), laneId, Direction.IN,
                    "粤B" + (plate++), null, null, now, null, null, DecisionCode.TEMPORARY,
                    Verdict.OPEN, "临时车辆", MatchKind.NONE,
                    null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null);
            // As the lane does: durable in the pending journal, OPEN (here: the line), then registered.
            store.journalPassage(entry);
            print(out, "IN " + entry.eventId());
            store.settlePassages();
            inside.addLast(entry);
            if (i % 2 == 1) {
                PassageRecord in = inside.removeFirst();
                PassageRecord exit = new PassageRecord(Rows.id(), laneId, Direction.OUT,
                        in.plate(), in.plate(), null, in.entryTime(), clock.instant(), in.eventId(),
                        DecisionCode.TEMPORARY,
                        Verdict.COLLECT_FEE, "临时车辆，请缴费",
                        MatchKind.EXACT, null, PayerCategory.TEMPORARY,
                        500, Payment.none(), null, "attendant-7", null, null);
                store.journalPassage(exit);
                print(out, "OUT " + exit.eventId() + " " + in.eventId());
                store.settlePassages();
                if (i % 4 == 3) {
                    String receipt = store.recordPayment(exit.eventId(), 500, PaymentMethod.CASH, "attendant-7");
                    print(out, "PAID " + exit.eventId() + " " + receipt);
                }
            }
        }
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** {@link #REGISTRY_VEHICLES} vehicles, each owned by "v&lt;version&gt;": a mixed load would show. */
    static RegistrySnapshot registry(long version) {
        List<Vehicle> vehicles = new ArrayList<>(REGISTRY_VEHICLES);
        for (int i = 0; i < REGISTRY_VEHICLES; i++) {
            vehicles.add(new Vehicle(String.format(Locale.ROOT, "京A%05d", i), "v" + version, PlateColour.BLUE,
                    VehicleClass.SMALL));
        }
        return new RegistrySnapshot(version, List.of(), vehicles, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}
