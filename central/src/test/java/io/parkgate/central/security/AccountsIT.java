package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 2: accounts can be looked after (change password, logout, disable, reset), the first
 * manager's password is the operator's or generated and must be changed, a well-known password is refused
 * off loopback, and central listens only where the site file says.
 */
@ExtendWith(VertxExtension.class)
class AccountsIT {

    @TempDir
    Path dir;

    /**
     * Verifies the JSON the accounts screen is sent, field by field: the service hands the door accounts and the
     * door keeps the shape the console was built on (flags as 0/1, times as ISO-8601 instants).
     */
    @Test
    void accountsKeepTheirJsonShape(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            f.user("wang", "ATTENDANT");
            JsonObject wang = null;
            for (Object o : f.api.ok("GET", "/api/users", f.managerToken, null).array()) {
                if ("wang".equals(((JsonObject) o).getString("username"))) {
                    wang = (JsonObject) o;
                }
            }
            assertTrue(wang != null);
            assertEquals(List.of("username", "displayName", "role", "createdAt", "disabled", "mustChangePassword"),
                    List.copyOf(wang.fieldNames()), wang.encode());
            assertEquals("ATTENDANT", wang.getString("role"));
            assertEquals(0, wang.getValue("disabled"));
            java.time.Instant.parse(wang.getString("createdAt"));
            JsonObject disabled = f.api.ok("POST", "/api/users/wang/disable", f.managerToken, null).json();
            assertEquals(1, disabled.getValue("disabled"), disabled.encode());
            assertEquals(wang.getString("createdAt"), disabled.getString("createdAt"));
            f.api.ok("POST", "/api/users/wang/enable", f.managerToken, null);
            JsonObject attendant = f.api.ok("GET", "/api/attendants", f.managerToken, null).array().getJsonObject(0);
            assertEquals(new JsonObject().put("username", "wang").put("displayName", wang.getString("displayName")),
                    attendant);
        }
    }

    @Test
    void changePasswordLogoutDisableAndReset(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String wang = f.user("wang", "ATTENDANT");
            // change own password: the old one stops working
            f.api.ok("POST", "/api/password", wang, new JsonObject().put("oldPassword", "wang-password")
                    .put("newPassword", "wang-new-password"));
            assertEquals(401, f.api.call("POST", "/api/login", null, login("wang", "wang-password")).status());
            String again = f.api.login("wang", "wang-new-password");
            // logout revokes the token
            f.api.ok("POST", "/api/logout", again, null);
            assertEquals(401, f.api.call("GET", "/api/me", again, null).status());
            // disable: the live token dies at once and no login works
            String live = f.api.login("wang", "wang-new-password");
            assertEquals(403, f.api.call("POST", "/api/users/boss/disable", live, null).status());
            f.api.ok("POST", "/api/users/wang/disable", f.managerToken, null);
            assertEquals(401, f.api.call("GET", "/api/me", live, null).status());
            assertEquals(401, f.api.call("POST", "/api/login", null, login("wang", "wang-new-password")).status());
            f.api.ok("POST", "/api/users/wang/enable", f.managerToken, null);
            // a manager's reset: the user must change the password before anything else
            f.api.ok("POST", "/api/users/wang/password", f.managerToken, new JsonObject().put("password",
                    "reset-by-boss"));
            JsonObject in = f.api.ok("POST", "/api/login", null, login("wang", "reset-by-boss")).json();
            assertTrue(in.getBoolean("mustChangePassword"));
            String t = in.getString("token");
            assertEquals(403, f.api.call("GET", "/api/lanes", t, null).status());
            assertTrue(f.api.ok("GET", "/api/me", t, null).json().getBoolean("mustChangePassword"));
            f.api.ok("POST", "/api/password", t, new JsonObject().put("oldPassword", "reset-by-boss")
                    .put("newPassword", "wang-own-password"));
            assertEquals(200, f.api.call("GET", "/api/lanes", t, null).status());
            JsonObject audit = f.api.ok("GET", "/api/audit?limit=50", f.managerToken, null).array().getJsonObject(0);
            assertEquals("PASSWORD_CHANGED", audit.getString("action"));
        }
    }

    @Test
    void firstStartWithoutAPasswordGeneratesOneThatMustBeChanged(Vertx vertx) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Central central;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            central = Central.start(vertx, CentralConfig.defaults("gardens", dir.resolve("c"), List.of(), null)
                    .withHost("127.0.0.1"), Clock.systemUTC());
        } finally {
            System.setOut(original);
        }
        try {
            Matcher m = Pattern.compile("first manager 'admin' created with password (\\S+)")
                    .matcher(printed.toString(StandardCharsets.UTF_8));
            assertTrue(m.find(), printed.toString(StandardCharsets.UTF_8));
            Api api = new Api(central.httpPort());
            JsonObject in = api.ok("POST", "/api/login", null, login("admin", m.group(1))).json();
            assertTrue(in.getBoolean("mustChangePassword"));
            assertEquals(403, api.call("GET", "/api/audit", in.getString("token"), null).status());
        } finally {
            central.close();
        }
    }

    @Test
    void aKnownPasswordIsRefusedOffLoopbackAndAnOperatorsMustBeChanged(Vertx vertx) throws Exception {
        assertThrows(IllegalStateException.class, () -> Central.start(vertx, CentralConfig.defaults("gardens",
                dir.resolve("a"), List.of(), new CentralConfig.Credentials("admin", "parkgate"))
                .withHost("0.0.0.0"), Clock.systemUTC()));
        Central central = Central.start(vertx, CentralConfig.defaults("gardens", dir.resolve("b"), List.of(),
                new CentralConfig.Credentials("chief", "chief-own-password")).withHost("0.0.0.0"),
                        Clock.systemUTC());
        try {
            JsonObject in = new Api(central.httpPort()).ok("POST", "/api/login", null,
                    login("chief", "chief-own-password")).json();
            assertTrue(in.getBoolean("mustChangePassword"));
        } finally {
            central.close();
        }
        // the demo's known password on loopback: allowed, no forced change
        Central demo = Central.start(vertx, CentralConfig.defaults("gardens", dir.resolve("d"), List.of(),
                new CentralConfig.Credentials("admin", "parkgate")), Clock.systemUTC());
        try {
            assertFalse(new Api(demo.httpPort()).ok("POST", "/api/login", null, login("admin", "parkgate")).json()
                    .getBoolean("mustChangePassword"));
        } finally {
            demo.close();
        }
    }

    @Test
    void centralListensOnlyWhereTheSiteFileSays(Vertx vertx) throws Exception {
        var site = SiteConfigLoader.load(Path.of("../config/examples/compound-2-lanes.yaml"));
        var secrets = new java.util.HashMap<String, CentralConfig.LaneSecrets>();
        site.lanes().forEach(l -> secrets.put(l.id(), new CentralConfig.LaneSecrets("pw-" + l.id() + "-0123456789",
                "secret-" + l.id() + "-0123456789")));
        CentralConfig cfg = CentralConfig.fromSite(site, dir.resolve("s"), Map.copyOf(secrets),
                new CentralConfig.Credentials("admin", "parkgate"), null).withPorts(0, 0);
        assertEquals("127.0.0.1", cfg.httpHost());
        assertEquals("127.0.0.1", cfg.mqttHost());
        Optional<InetAddress> other = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        if (other.isEmpty()) {
            return;
        }
        Central central = Central.start(vertx, cfg, Clock.systemUTC());
        try {
            try (Socket s = new Socket()) {
                assertThrows(java.io.IOException.class, () -> s.connect(
                        new InetSocketAddress(other.get(), central.httpPort()), 2000), "HTTP reachable on "
                                + other.get());
            }
        } finally {
            central.close();
        }
    }

    private static JsonObject login(String user, String password) {
        return new JsonObject().put("username", user).put("password", password);
    }
}
