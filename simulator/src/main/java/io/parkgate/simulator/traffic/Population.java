package io.parkgate.simulator.traffic;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A deterministic (seeded) population of the site's registry: owners, their vehicles with
 * realistic plates from many provinces, EM4100 cards, passes (valid, expiring within 7 days,
 * expired), visitors, a blacklist, management exemptions, and policy-exempt vehicles that are not
 * in the registry. The same seed, size and reference time always give the same population.
 */
public final class Population {

    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红文辉林波宁欣怡浩然子轩梓涵宇航思远雨桐";
    private static final String[] BLACKLIST_REASONS = {"多次冲卡", "欠缴停车费", "公安协查车辆", "恶意堵塞通道", "伪造出入证"};
    private static final String[] EXEMPTION_REASONS = {"物业维修车辆", "业委会公务用车", "社区医疗服务车", "消防设施检测车"};
    private static final String[] VISITOR_NOTES = {"亲友来访", "家政服务", "装修施工", "送货上门"};

    private final long seed;
    private final RegistrySnapshot registry;
    private final List<Resident> residents;
    private final List<String> policyPlates;

    private Population(long seed, RegistrySnapshot registry, List<Resident> residents, List<String> policyPlates) {
        this.seed = seed;
        this.registry = registry;
        this.residents = List.copyOf(residents);
        this.policyPlates = List.copyOf(policyPlates);
    }

    /**
     * Generates a population.
     *
     * @param asOf the reference time: pass validity and visitor periods are set around it
     */
    public static Population generate(long seed, PopulationSize size, Instant asOf) {
        return new Generator(seed, size, asOf).run();
    }

    public long seed() {
        return seed;
    }

    /** The registry to seed central and agents with (version 1). */
    public RegistrySnapshot registry() {
        return registry;
    }

    public List<Resident> residents() {
        return residents;
    }

    /** Police, armed police, military and fire plates: exempt by policy, not in the registry. */
    public List<String> policyPlates() {
        return policyPlates;
    }

    /** Builds everything from one random stream, in a fixed order. */
    private static final class Generator {
        private final long seed;
        private final PopulationSize size;
        private final Instant asOf;
        private final Random random;
        private final PlateFactory plates;
        private final Set<String> usedPlates = new HashSet<>();
        private final Set<String> usedCards = new HashSet<>();

        Generator(long seed, PopulationSize size, Instant asOf) {
            this.seed = seed;
            this.size = size;
            this.asOf = asOf;
            this.random = new Random(seed);
            this.plates = new PlateFactory(random, "粤", 'B', 0.7);
        }

        Population run() {
            List<Owner> owners = new ArrayList<>();
            List<Vehicle> vehicles = new ArrayList<>();
            List<Card> cards = new ArrayList<>();
            List<Pass> passes = new ArrayList<>();
            List<Resident> residents = new ArrayList<>();
            for (int i = 1; i <= size.owners(); i++) {
                Owner owner = new Owner(String.format(Locale.ROOT, "O%05d", i), name(), unit(), phone());
                owners.add(owner);
                int count = random.nextInt(10) < 8 ? 1 : 2;
                for (int k = 0; k < count; k++) {
                    Vehicle v = vehicle(owner.id());
                    vehicles.add(v);
                    Card card = null;
                    if (random.nextInt(10) < 9) {
                        card = new Card(cardNumber(), owner.id(), v.plate(), Card.Status.ACTIVE);
                        cards.add(card);
                        if (random.nextInt(25) == 0) {
                            // an older card for the same vehicle, handed back or lost: must not open
                            cards.add(new Card(cardNumber(), owner.id(), v.plate(),
                                    random.nextBoolean() ? Card.Status.RETURNED : Card.Status.LOST));
                        }
                    }
                    Resident.PassStatus status = passStatus();
                    Pass pass = pass(passes.size() + 1, v.plate(), status);
                    passes.add(pass);
                    residents.add(new Resident(owner, v, card, pass, status));
                }
            }
            List<Visitor> visitors = new ArrayList<>();
            for (int i = 0; i < size.visitors(); i++) {
                Owner host = owners.get(random.nextInt(owners.size()));
                Instant from = asOf.minus(Duration.ofHours(random.nextInt(48)));
                visitors.add(new Visitor(unique(plates::blue), random.nextInt(8) == 0 ? null : host.id(), from,
                        from.plus(Duration.ofHours(24 + random.nextInt(72))),
                        VISITOR_NOTES[random.nextInt(VISITOR_NOTES.length)]));
            }
            List<BlacklistEntry> blacklist = new ArrayList<>();
            for (int i = 0; i < size.blacklisted(); i++) {
                blacklist.add(new BlacklistEntry(unique(plates::blue),
                        BLACKLIST_REASONS[random.nextInt(BLACKLIST_REASONS.length)]));
            }
            List<ManagementExemption> exemptions = new ArrayList<>();
            for (int i = 0; i < size.exemptions(); i++) {
                exemptions.add(new ManagementExemption(unique(plates::blue), "管理处经理",
                        asOf.minus(Duration.ofDays(30)), asOf.plus(Duration.ofDays(90 + random.nextInt(270))),
                        EXEMPTION_REASONS[random.nextInt(EXEMPTION_REASONS.length)]));
            }
            List<String> policy = new ArrayList<>();
            for (int i = 0; i < size.policyVehicles(); i++) {
                policy.add(unique(plates::policyExempt));
            }
            RegistrySnapshot snapshot = new RegistrySnapshot(1, owners, vehicles, cards, passes, visitors, blacklist,
                    exemptions);
            return new Population(seed, snapshot, residents, policy);
        }

        private Vehicle vehicle(String ownerId) {
            int kind = random.nextInt(100);
            if (kind < 68) {
                return new Vehicle(unique(plates::blue), ownerId, PlateColour.BLUE, VehicleClass.SMALL);
            }
            if (kind < 95) {
                return new Vehicle(unique(plates::green), ownerId, PlateColour.GREEN, VehicleClass.SMALL);
            }
            return new Vehicle(unique(plates::yellow), ownerId, PlateColour.YELLOW, VehicleClass.LARGE);
        }

        private Resident.PassStatus passStatus() {
            int r = random.nextInt(100);
            return r < 80 ? Resident.PassStatus.VALID : r < 90 ? Resident.PassStatus.EXPIRING
                    : Resident.PassStatus.EXPIRED;
        }

        private Pass pass(int n, String plate, Resident.PassStatus status) {
            String id = String.format(Locale.ROOT, "P%06d", n);
            return switch (status) {
                case VALID -> {
                    int kind = random.nextInt(10);
                    if (kind < 2) {
                        yield new Pass(id, plate, Pass.Type.PERMANENT, asOf.minus(Duration.ofDays(800)), null);
                    }
                    Pass.Type type = kind < 6 ? Pass.Type.MONTHLY : Pass.Type.ANNUAL;
                    Instant from = asOf.minus(Duration.ofDays(1 + random.nextInt(20)));
                    yield new Pass(id, plate, type, from,
                            asOf.plus(Duration.ofDays(8 + random.nextInt(type == Pass.Type.MONTHLY ? 22 : 300))));
                }
                case EXPIRING -> new Pass(id, plate, Pass.Type.MONTHLY, asOf.minus(Duration.ofDays(25)),
                        asOf.plus(Duration.ofHours(1 + random.nextInt(7 * 24 - 1))));
                case EXPIRED -> new Pass(id, plate, Pass.Type.MONTHLY, asOf.minus(Duration.ofDays(60)),
                        asOf.minus(Duration.ofHours(1 + random.nextInt(30 * 24))));
            };
        }

        private String unique(Supplier<String> make) {
            for (int i = 0; i < 1000; i++) {
                String p = make.get();
                if (usedPlates.add(p)) {
                    return p;
                }
            }
            throw new IllegalStateException("cannot find a unique plate");
        }

        private String cardNumber() {
            while (true) {
                String c = String.format(Locale.ROOT, "%02X%08X", random.nextInt(256), random.nextInt());
                if (usedCards.add(c)) {
                    return c;
                }
            }
        }

        private String name() {
            String given = "" + GIVEN.charAt(random.nextInt(GIVEN.length()));
            if (random.nextBoolean()) {
                given += GIVEN.charAt(random.nextInt(GIVEN.length()));
            }
            return SURNAMES.charAt(random.nextInt(SURNAMES.length())) + given;
        }

        private String unit() {
            return (1 + random.nextInt(18)) + "栋" + (1 + random.nextInt(3)) + "单元"
                    + (1 + random.nextInt(32)) + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(4));
        }

        private String phone() {
            String[] prefixes = {"130", "131", "135", "136", "137", "138", "139", "150", "152", "158", "159", "186",
                    "188", "189", "199"};
            return prefixes[random.nextInt(prefixes.length)]
                    + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        }
    }
}
