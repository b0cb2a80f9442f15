package io.parkgate.central.it;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.config.Direction;
import io.parkgate.tariff.ChargePeriod;
import io.parkgate.tariff.ClassTariff;
import io.parkgate.tariff.PeriodRate;
import io.parkgate.tariff.TariffSchedule;
import io.parkgate.tariff.TimeSegment;
import io.parkgate.tariff.VehicleClass;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Central on temp storage and free ports, with two provisioned lanes and a manager. */
public final class CentralFixture implements AutoCloseable {

    public static final String SITE = "gardens";
    public static final String IN = "north-in";
    public static final String OUT = "north-out";
    public static final String POST = "north-gate";
    public static final String PASSWORD_IN = "in-password-1";
    public static final String PASSWORD_OUT = "out-password-1";
    public static final String SECRET_IN = "north-in-secret-0123456789";
    public static final String SECRET_OUT = "north-out-secret-0123456789";
    public static final String MANAGER = "boss";
    public static final String MANAGER_PW = "boss-password";

    /** Small cars: 15 min free, 500 fen the first hour, 300 each hour after, at most 3000 a day. */
    public static final TariffSchedule TARIFF = new TariffSchedule(java.util.Map.of(VehicleClass.SMALL,
            new ClassTariff(java.time.Duration.ofMinutes(15), false, 3000, List.of(TimeSegment.allDay(new PeriodRate(
                    new ChargePeriod(java.time.Duration.ofHours(1), 500),
                    new ChargePeriod(java.time.Duration.ofHours(1), 300), 0))))), java.time.Duration.ZERO);

    /** The test's Vert.x, from {@code VertxExtension} (which closes it). */
    public final Vertx vertx;
    public final Central central;
    public final Api api;
    public final String managerToken;
    public final CentralConfig config;

    /** Central on the test's Vert.x (from {@code VertxExtension}, which closes it). */
    public CentralFixture(Vertx vertx, Path dir, CentralConfigCustomiser customiser) throws Exception {
        this.vertx = vertx;
        CentralConfig cfg = CentralConfig.defaults(SITE, dir, List.of(
                        new LaneDefinition(IN, POST, Direction.IN, PASSWORD_IN, SECRET_IN),
                        new LaneDefinition(OUT, POST, Direction.OUT, PASSWORD_OUT, SECRET_OUT)),
                new CentralConfig.Credentials(MANAGER, MANAGER_PW)).withTariff(TARIFF)
                .withDatabase(io.parkgate.central.db.TestDatabases.target(dir, "central.db"));
        this.config = customiser.apply(cfg);
        this.central = Central.start(vertx, config, Clock.systemUTC());
        this.api = new Api(central.httpPort());
        this.managerToken = api.login(MANAGER, MANAGER_PW);
    }

    public CentralFixture(Vertx vertx, Path dir) throws Exception {
        this(vertx, dir, c -> c);
    }

    /**
     * Keeps central on its SQLite file whatever database the build runs the tests on: for tests about that file
     * itself (permissions, integrity, crash recovery from it).
     */
    public static CentralConfigCustomiser sqliteFile() {
        return c -> c.withDatabase(new io.parkgate.central.db.DatabaseTarget.Sqlite(c.dataDir().resolve("central.db")));
    }

    /** Adjusts the default configuration. */
    @FunctionalInterface
    public interface CentralConfigCustomiser {
        CentralConfig apply(CentralConfig c);
    }

    /** Creates a user with a role and returns their token. */
    public String user(String name, String role) {
        api.ok("POST", "/api/users", managerToken, new io.vertx.core.json.JsonObject().put("username", name)
                .put("role", role).put("password", name + "-password"));
        return api.login(name, name + "-password");
    }

    public TestAgent agent(String lane, Path dir) {
        return agent(central.brokerUrl(), lane, dir);
    }

    public TestAgent agent(String url, String lane, Path dir) {
        return agent(url, lane, dir, Clock.systemUTC());
    }

    /** An agent of {@code lane} on a PC whose clock is {@code pcClock} (e.g. hours off central's). */
    public TestAgent agent(String lane, Path dir, Clock pcClock) {
        return agent(central.brokerUrl(), lane, dir, pcClock);
    }

    private TestAgent agent(String url, String lane, Path dir, Clock pcClock) {
        return new TestAgent(url, SITE, lane, lane.equals(IN) ? PASSWORD_IN : PASSWORD_OUT,
                lane.equals(IN) ? SECRET_IN : SECRET_OUT, dir, pcClock);
    }

    @Override
    public void close() {
        central.close();
    }
}
