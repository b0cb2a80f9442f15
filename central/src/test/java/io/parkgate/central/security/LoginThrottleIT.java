package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.central.it.CentralFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: guessing a password is throttled per user and per address; after the limit even the
 * right password is refused (429) until the window has passed, and other users are not locked out by it.
 */
@ExtendWith(VertxExtension.class)
class LoginThrottleIT {

    @TempDir
    Path dir;

    @Test
    void guessesAreThrottledPerUserAndPerAddress(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            f.user("wang", "ATTENDANT");
            for (int i = 0; i < 5; i++) {
                assertEquals(401, f.api.call("POST", "/api/login", null, login(CentralFixture.MANAGER, "guess-" + i))
                        .status());
            }
            assertEquals(429, f.api.call("POST", "/api/login", null, login(CentralFixture.MANAGER,
                    CentralFixture.MANAGER_PW)).status(), "the right password after 5 guesses");
            assertEquals(200, f.api.call("POST", "/api/login", null, login("wang", "wang-password")).status(),
                    "another user locked out by guesses at the manager");
            // the same address guessing at many names: refused as an address
            for (int i = 0; i < 15; i++) {
                f.api.call("POST", "/api/login", null, login("nobody" + i, "guess"));
            }
            assertEquals(429, f.api.call("POST", "/api/login", null, login("wang", "wang-password")).status(),
                    "an address that guessed 20 times");
        }
    }

    private static JsonObject login(String user, String password) {
        return new JsonObject().put("username", user).put("password", password);
    }
}
