package io.parkgate.central;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.central.auth.UserService;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.db.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two centrals starting at once on an empty database both make sure of the first manager: both start. */
class FirstManagerRaceTest {

    @TempDir
    Path dir;

    /** Verifies that the central that finds the first manager created meanwhile by another carries on. */
    @Test
    void twoCentralsStartingAtOnceBothStart() throws Exception {
        CentralConfig cfg = CentralConfig.defaults("gardens", dir, List.of(),
                new CentralConfig.Credentials("boss", "boss-password"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                DatabaseTarget target = TestPostgres.newDatabase();
                try (Database one = Database.open(target); Database two = Database.open(target);
                     UserService a = new UserService(one, Clock.systemUTC());
                     UserService b = new UserService(two, Clock.systemUTC())) {
                    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                    Future<?> fa = pool.submit(() -> FirstManager.ensure(a, cfg, quiet));
                    Future<?> fb = pool.submit(() -> FirstManager.ensure(b, cfg, quiet));
                    fa.get(60, TimeUnit.SECONDS);
                    fb.get(60, TimeUnit.SECONDS);
                    assertEquals(false, Central.await(a.empty()));
                    Central.await(b.login("boss", "boss-password", "127.0.0.1")); // the one manager signs in
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
