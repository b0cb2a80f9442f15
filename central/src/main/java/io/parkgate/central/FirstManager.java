package io.parkgate.central;

import io.parkgate.central.auth.Passwords;
import io.parkgate.central.auth.Role;
import io.parkgate.central.auth.UserService;
import io.parkgate.central.error.CentralException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first manager, created when central starts on a database with no users. The operator names the
 * password (from the secrets file or the command line) or central makes one and prints it once. Either
 * way it must be changed at the first login, unless central listens on the loopback interface only (a demo
 * or a test on one machine). A well-known password is refused outright on any other interface.
 */
public final class FirstManager {

    public static final String DEFAULT_USER = "admin";
    /** Passwords printed in docs and demos: fine on loopback, never where the office network can try them. */
    static final Set<String> KNOWN_PASSWORDS = Set.of("parkgate", "admin", "password", "12345678", "admin123");
    private static final Logger LOG = LoggerFactory.getLogger(FirstManager.class);

    private FirstManager() {
    }

    public static void ensure(UserService users, CentralConfig cfg, PrintStream console) {
        boolean loopback = loopbackOnly(cfg.httpHost());
        CentralConfig.Credentials given = cfg.bootstrapManager();
        if (given != null && !loopback && KNOWN_PASSWORDS.contains(given.password())) {
            throw new IllegalStateException("the manager password is a well-known one and central listens on "
                    + cfg.httpHost() + ": give a password of your own, or listen on 127.0.0.1 only");
        }
        if (!Central.await(users.empty())) {
            if (given != null && !cfg.moreSites().isEmpty() && Central.await(users.ensureGroupManager(
                    given.username()))) {
                LOG.info("{} is the group's manager now (central serves several sites; none was)", given.username());
            }
            return;
        }
        // Of one compound, the first manager is that site's; of a group of sites, the group's (every site).
        String site = cfg.moreSites().isEmpty() ? cfg.siteId() : io.parkgate.central.auth.Principal.ALL_SITES;
        if (given != null) {
            if (!created(users, site, given.username(), given.password(), !loopback)) {
                return;
            }
            LOG.info("created the first manager {}{}", given.username(),
                    loopback ? "" : " (password to be changed at first login)");
            return;
        }
        String password = Passwords.token().substring(0, 20);
        if (!created(users, site, DEFAULT_USER, password, true)) {
            return;
        }
        // Printed once, on the console only (never to the log file): it must be changed at first login.
        console.println("parkgate central: first manager '" + DEFAULT_USER + "' created with password " + password
                + " (it must be changed at the first login)");
        console.flush();
        LOG.info("created the first manager {} with a generated password (printed on the console)", DEFAULT_USER);
    }

    /**
     * Creates the first manager; false when another central sharing the database (starting at the same moment)
     * created the first manager meanwhile: this one starts with that one.
     */
    private static boolean created(UserService users, String site, String username, String password,
                                   boolean mustChange) {
        try {
            Central.await(users.create(null, site, username, "经理", Role.MANAGER, password, mustChange));
            return true;
        } catch (CentralException e) {
            if (e.kind() != CentralException.Kind.CONFLICT) {
                throw e;
            }
            LOG.info("the first manager {} was created by another central meanwhile", username);
            return false;
        }
    }

    static boolean loopbackOnly(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
