package io.parkgate.agent.store;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.tariff.PayerCategory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The child process of {@link AgentStoreCrashIT}: records passages as fast as it can and prints each
 * one's id only after the store method returned (committed), until it is killed.
 *
 * <pre>IN &lt;entryId&gt; | OUT &lt;exitId&gt; &lt;entryId&gt; | PAID &lt;exitId&gt; &lt;receiptNo&gt;</pre>
 *
 * Arguments: data directory, lane id, first plate number (so successive runs use fresh plates).
 */
public final class CrashingLaneMain {

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
        for (long i = 0; ; i++) {
            Instant now = clock.instant();
            PassageRecord entry = new PassageRecord(Rows.id(), laneId, Direction.IN,
                    "粤B" + (plate++), null, null, now, null, null, DecisionCode.TEMPORARY,
                    Verdict.OPEN, "临时车辆", MatchKind.NONE,
                    null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null);
            store.recordEntry(entry);
            out.println("IN " + entry.eventId());
            out.flush();
            inside.addLast(entry);
            if (i % 2 == 1) {
                PassageRecord in = inside.removeFirst();
                PassageRecord exit = new PassageRecord(Rows.id(), laneId, Direction.OUT,
                        in.plate(), in.plate(), null, in.entryTime(), clock.instant(), in.eventId(),
                        DecisionCode.TEMPORARY,
                        Verdict.COLLECT_FEE, "临时车辆，请缴费",
                        MatchKind.EXACT, null, PayerCategory.TEMPORARY,
                        500, Payment.none(), null, "attendant-7", null);
                store.recordExit(exit);
                out.println("OUT " + exit.eventId() + " " + in.eventId());
                out.flush();
                if (i % 4 == 3) {
                    String receipt = store.recordPayment(exit.eventId(), 500, PaymentMethod.CASH, "attendant-7");
                    out.println("PAID " + exit.eventId() + " " + receipt);
                    out.flush();
                }
            }
        }
    }
}
