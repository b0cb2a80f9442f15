package io.parkgate.simulator.traffic;

import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Visitor;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.lane.SimulatedLane;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.time.SimScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random (seeded) traffic for a whole site: arrivals of a configurable {@link TrafficMix} on the IN
 * lanes at a rate that follows the day, and for every vehicle let in, its departure on an OUT lane
 * after a random stay (minutes for temporaries, up to days for residents). Everything happens inside one
 * window: a departure due after it is not simulated, and that vehicle is still {@link #inside()} at the end.
 */
public final class RandomTraffic {

    private static final Logger LOG = LoggerFactory.getLogger(RandomTraffic.class);
    private static final Duration TAILGATE_GAP = Duration.ofMillis(500);
    private static final Duration RETRY_EXIT = Duration.ofMinutes(10);
    /** Without an attendant to take the fee, a held leaver would try for ever: give up after this. */
    private static final int MAX_EXIT_ATTEMPTS = 3;

    private final Population population;
    private final List<SimulatedLane> inLanes;
    private final List<SimulatedLane> outLanes;
    private final SimScheduler scheduler;
    private final TrafficMix mix;
    private final ZoneId zone;
    private final Random random;
    private final PlateFactory plates;
    private final Set<String> inside = new HashSet<>();
    private final Map<String, TrafficKind> kindOf = new HashMap<>();
    private final Map<TrafficKind, Integer> generated = new EnumMap<>(TrafficKind.class);
    private final Map<String, Integer> exitAttempts = new HashMap<>();
    /** Each vehicle's stay and exit, drawn when it arrives (see {@link #arrive}). */
    private final Map<String, Departure> departures = new HashMap<>();
    private int abandoned;
    private int next;
    private int exits;
    private Instant until;

    public RandomTraffic(Population population, List<SimulatedLane> lanes, SimScheduler scheduler, TrafficMix mix,
                         ZoneId zone, long seed) {
        this.population = population;
        this.inLanes = lanes.stream().filter(l -> l.direction() == Direction.IN).toList();
        this.outLanes = lanes.stream().filter(l -> l.direction() == Direction.OUT).toList();
        if (inLanes.isEmpty()) {
            throw new IllegalArgumentException("random traffic needs at least one IN lane");
        }
        this.scheduler = scheduler;
        this.mix = mix;
        this.zone = zone;
        this.random = new Random(seed);
        this.plates = new PlateFactory(random, "粤", 'B', 0.6);
        lanes.forEach(l -> l.onPassage(this::passed));
    }

    /**
     * Generates arrivals and departures from now until {@code until} (simulated). The window ends with an event
     * at {@code until}, so the clock reaches it even when the last vehicle came long before. Departures due later
     * are left out rather than run until the car park happens to fall idle: which of them a run reached used to
     * depend on how fast the agents answered, so one seed gave different exit counts.
     */
    public synchronized void start(Instant until) {
        this.until = until;
        scheduleNextArrival();
        scheduler.scheduleAt(until, this::windowClosed);
    }

    private synchronized void windowClosed() {
        LOG.info("random traffic: window closed, {} vehicles inside, {} exits, {} gave up at the exit",
                inside.size(), exits, abandoned);
    }

    /** How many arrivals of each kind were generated so far. */
    public synchronized Map<TrafficKind, Integer> generated() {
        return Map.copyOf(generated);
    }

    public synchronized int inside() {
        return inside.size();
    }

    public synchronized int exits() {
        return exits;
    }

    /** Vehicles held at the exit on every attempt, taken out of the simulation. */
    public synchronized int abandoned() {
        return abandoned;
    }

    private void scheduleNextArrival() {
        Instant now = scheduler.now();
        double perHour = mix.ratePerHour(now.atZone(zone).getHour());
        // exponential gap; re-evaluated at each arrival, so the day curve is followed closely enough
        double hours = -Math.log(1 - random.nextDouble()) / perHour;
        Instant at = now.plusMillis((long) (hours * 3_600_000));
        if (at.isAfter(until)) {
            LOG.info("random traffic: last arrival generated, {} vehicles inside", inside.size());
            return;
        }
        scheduler.scheduleAt(at, this::arrive);
    }

    private void arrive() {
        SimulatedLane lane;
        SimulatedVehicle v;
        SimulatedVehicle follower = null;
        // choose under the lock, hand to the lane outside it: lanes call back into passed() holding theirs
        synchronized (this) {
            TrafficKind kind = mix.pick(random);
            lane = inLanes.get(random.nextInt(inLanes.size()));
            v = vehicle(kind);
            if (v != null) {
                generated.merge(kind, 1, Integer::sum);
                plan(v, kind);
                if (kind == TrafficKind.TAILGATE) {
                    follower = new SimulatedVehicle(id(), plates.blue(), PlateColour.BLUE, null, Behaviour.TAILGATE,
                            patience());
                    plan(follower, kind);
                }
            }
            scheduleNextArrival();
        }
        if (v != null) {
            lane.arrive(v, null);
        }
        if (follower != null) {
            SimulatedVehicle f = follower;
            scheduler.schedule(TAILGATE_GAP, () -> lane.arrive(f, null));
        }
    }

    /** A vehicle of {@code kind}, or null when the population has none free (e.g. every resident inside). */
    private SimulatedVehicle vehicle(TrafficKind kind) {
        return switch (kind) {
            case RESIDENT, TAILGATE -> resident(Resident.PassStatus.VALID, true, Behaviour.NORMAL);
            case RESIDENT_NO_CARD -> resident(null, false, Behaviour.NO_CARD);
            case EXPIRED_PASS -> resident(Resident.PassStatus.EXPIRED, true, Behaviour.NORMAL);
            case MISREAD -> resident(null, true, Behaviour.MISREAD);
            case PLATELESS -> resident(null, true, Behaviour.PLATELESS);
            case VISITOR -> {
                List<Visitor> visitors = population.registry().visitors();
                Visitor vis = visitors.isEmpty() ? null : visitors.get(random.nextInt(visitors.size()));
                yield vis == null || inside.contains(vis.plate()) ? temporary(Behaviour.NORMAL)
                        : new SimulatedVehicle(id(), vis.plate(), PlateColour.BLUE, null, Behaviour.NORMAL, patience());
            }
            case TEMPORARY -> temporary(Behaviour.NORMAL);
            case FORCED -> temporary(Behaviour.FORCE);
            case CARD_MISMATCH -> {
                Resident r = anyResident(null, true);
                yield r == null ? temporary(Behaviour.NORMAL) : new SimulatedVehicle(id(), plates.blue(),
                        PlateColour.BLUE, r.card().number(), Behaviour.NORMAL, patience());
            }
            case BLACKLISTED -> {
                List<BlacklistEntry> b = population.registry().blacklist();
                yield b.isEmpty() ? temporary(Behaviour.NORMAL) : new SimulatedVehicle(id(),
                        b.get(random.nextInt(b.size())).plate(), PlateColour.BLUE, null, Behaviour.NORMAL, patience());
            }
            case POLICY -> {
                List<String> p = population.policyPlates();
                yield p.isEmpty() ? temporary(Behaviour.NORMAL) : new SimulatedVehicle(id(),
                        p.get(random.nextInt(p.size())), PlateColour.WHITE, null, Behaviour.NORMAL, patience());
            }
            case MANAGEMENT_EXEMPT -> {
                List<ManagementExemption> e = population.registry().exemptions();
                yield e.isEmpty() ? temporary(Behaviour.NORMAL) : new SimulatedVehicle(id(),
                        e.get(random.nextInt(e.size())).plate(), PlateColour.BLUE, null, Behaviour.NORMAL, patience());
            }
        };
    }

    private SimulatedVehicle resident(Resident.PassStatus status, boolean withCard, Behaviour behaviour) {
        Resident r = anyResident(status, withCard);
        if (r == null) {
            return null;
        }
        return new SimulatedVehicle(id(), r.vehicle().plate(), r.vehicle().colour(),
                r.card() == null ? null : r.card().number(), behaviour, patience());
    }

    /** A resident not inside, matching the filters; a few tries, then none. */
    private Resident anyResident(Resident.PassStatus status, boolean withCard) {
        List<Resident> all = population.residents();
        for (int i = 0; i < 50; i++) {
            Resident r = all.get(random.nextInt(all.size()));
            if ((status == null || r.passStatus() == status) && (!withCard || r.card() != null)
                    && !inside.contains(r.vehicle().plate())) {
                return r;
            }
        }
        return null;
    }

    private SimulatedVehicle temporary(Behaviour behaviour) {
        boolean green = random.nextInt(4) == 0;
        return new SimulatedVehicle(id(), green ? plates.green() : plates.blue(),
                green ? PlateColour.GREEN : PlateColour.BLUE, null, behaviour, patience());
    }

    /** How long a driver of random traffic waits at a closed barrier: 30 s to 2 min. */
    private Duration patience() {
        return Duration.ofSeconds(30 + random.nextInt(91));
    }

    /** How long a vehicle stays once let in, and by which exit it leaves (each attempt). */
    private record Departure(Duration stay, SimulatedLane out) {
    }

    /**
     * Draws the vehicle's stay and exit now, in the order of arrivals. Drawn when the lane reports the passage
     * instead, they took numbers from the seeded stream in an order set by how fast the agents answered, and the
     * same seed gave another day's traffic from one run to the next.
     */
    private void plan(SimulatedVehicle v, TrafficKind kind) {
        kindOf.put(v.id(), kind);
        Duration stay = stay(kind);
        departures.put(v.id(), new Departure(stay, outLanes.isEmpty() ? null
                : outLanes.get(random.nextInt(outLanes.size()))));
    }

    private String id() {
        return "t" + ++next;
    }

    private synchronized void passed(Passage p) {
        SimulatedVehicle v = p.vehicle();
        TrafficKind kind = kindOf.get(v.id());
        if (kind == null) {
            return; // not ours (a scenario's vehicle)
        }
        SimulatedLane lane = inLanes.stream().filter(l -> l.id().equals(p.lane())).findFirst().orElse(null);
        if (lane != null) {
            if (!p.passed() || outLanes.isEmpty()) {
                kindOf.remove(v.id());
                departures.remove(v.id());
                return; // turned away at the entry: drives off
            }
            if (v.plate() != null) {
                inside.add(v.plate());
            }
            scheduleExit(v, departures.get(v.id()).stay());
            return;
        }
        int attempts = exitAttempts.merge(v.id(), 1, Integer::sum);
        if (p.passed() || attempts >= MAX_EXIT_ATTEMPTS) {
            exits += p.passed() ? 1 : 0;
            abandoned += p.passed() ? 0 : 1;
            kindOf.remove(v.id());
            exitAttempts.remove(v.id());
            departures.remove(v.id());
            if (v.plate() != null) {
                inside.remove(v.plate());
            }
        } else {
            // held at the exit and gave up waiting: parks again and tries later
            scheduleExit(v, RETRY_EXIT);
        }
    }

    private void scheduleExit(SimulatedVehicle entered, Duration stay) {
        if (scheduler.now().plus(stay).isAfter(until)) {
            return; // after the window: still inside at the end
        }
        // leaving: the same vehicle and card; forcing and tailgating were entry behaviours
        Behaviour b = switch (entered.behaviour()) {
            case FORCE, TAILGATE -> Behaviour.NORMAL;
            default -> entered.behaviour();
        };
        SimulatedVehicle leaving = new SimulatedVehicle(entered.id(), entered.plate(), entered.colour(),
                entered.card(), b, entered.patience());
        SimulatedLane out = departures.get(entered.id()).out();
        scheduler.schedule(stay, () -> out.arrive(leaving, null));
    }

    /** Log-uniform stay between bounds that suit the kind: minutes for temporaries, up to days for residents. */
    private Duration stay(TrafficKind kind) {
        Duration min;
        Duration max;
        switch (kind) {
            case RESIDENT, RESIDENT_NO_CARD, EXPIRED_PASS, MISREAD, PLATELESS -> {
                min = Duration.ofMinutes(20);
                max = Duration.ofDays(3);
            }
            case VISITOR -> {
                min = Duration.ofMinutes(30);
                max = Duration.ofHours(8);
            }
            case POLICY, MANAGEMENT_EXEMPT -> {
                min = Duration.ofMinutes(10);
                max = Duration.ofHours(3);
            }
            default -> {
                min = Duration.ofMinutes(5);
                max = Duration.ofHours(6);
            }
        }
        double lo = Math.log((double) min.toSeconds());
        double hi = Math.log((double) max.toSeconds());
        return Duration.ofSeconds((long) Math.exp(lo + random.nextDouble() * (hi - lo)));
    }
}
