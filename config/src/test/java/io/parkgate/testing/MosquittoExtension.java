package io.parkgate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkgate.config.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle around {@link TestMosquitto} that each broker test had its own copy of: the test is skipped where
 * Mosquitto is not installed, its broker is its own and is closed after it whatever the outcome. On an instance
 * field, {@code @RegisterExtension final MosquittoExtension mosquitto = MosquittoExtension.anonymous();}, the broker
 * is up before each test; with {@link #startedByTheTest()} the test starts it (or several) with {@link #start}, e.g.
 * on a password file it writes first. The brokers' files are in a directory of their own, deleted after the test.
 */
public final class MosquittoExtension implements BeforeEachCallback, AfterEachCallback {

    private final TestMosquitto.Settings beforeEach;
    private final List<TestMosquitto> started = new ArrayList<>();
    private Path dir;

    private MosquittoExtension(TestMosquitto.Settings beforeEach) {
        this.beforeEach = beforeEach;
    }

    /** An anonymous broker, started before each test. */
    public static MosquittoExtension anonymous() {
        return startedBeforeEach(TestMosquitto.with());
    }

    /** A broker with these settings (users, an ACL, ...), started before each test. */
    public static MosquittoExtension startedBeforeEach(TestMosquitto.Settings settings) {
        return new MosquittoExtension(settings);
    }

    /** No broker until the test {@link #start}s one. */
    public static MosquittoExtension startedByTheTest() {
        return new MosquittoExtension(null);
    }

    /** Starts a broker, closed after the test; where Mosquitto is not installed, the test is skipped here. */
    public TestMosquitto start(TestMosquitto.Settings settings) throws IOException, InterruptedException {
        assumeTrue(TestMosquitto.installed(), "mosquitto not installed");
        if (dir == null) {
            dir = Files.createTempDirectory("mosquitto-");
        }
        TestMosquitto broker = settings.start(dir.resolve("broker-" + started.size()));
        started.add(broker);
        return broker;
    }

    /** The broker the test started first, or the one started before it. */
    public TestMosquitto broker() {
        if (started.isEmpty()) {
            throw new IllegalStateException("no broker started");
        }
        return started.get(0);
    }

    public String url() {
        return broker().url();
    }

    public int port() {
        return broker().port();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (beforeEach != null) {
            start(beforeEach);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (TestMosquitto broker : started) {
                broker.close();
            }
        } finally {
            started.clear();
            if (dir != null) {
                FileTrees.delete(dir);
                dir = null;
            }
        }
    }
}
