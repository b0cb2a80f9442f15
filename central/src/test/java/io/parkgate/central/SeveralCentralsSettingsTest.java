package io.parkgate.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.cluster.Cluster;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.mqtt.AgentGateway;
import io.parkgate.cli.CommandLines;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How central is told it is one of several, and what it refuses. */
class SeveralCentralsSettingsTest {

    @TempDir
    Path dir;

    /** Verifies the options: the group and instance are taken; an instance without a group is refused. */
    @Test
    void commandLine() {
        StringWriter err = new StringWriter();
        CentralCommandLine.Serve s = (CentralCommandLine.Serve) CentralCommandLine.parse(new PrintWriter(
                new StringWriter()), new PrintWriter(err), "--site", "gardens", "--data", "d", "--secrets", "s",
                "--ingest-group", "centrals", "--instance", "central-a");
        assertEquals("centrals", s.ingestGroup);
        assertEquals("central-a", s.instance);
        assertEquals(2, assertThrows(CommandLines.Exit.class, () -> CentralCommandLine.parse(new PrintWriter(
                new StringWriter()), new PrintWriter(err), "--site", "gardens", "--data", "d", "--secrets", "s",
                "--instance", "central-a")).status());
        assertTrue(err.toString().contains("--ingest-group"), err.toString());
    }

    /** Verifies that names which would break a topic filter or a client id are refused, and the defaults. */
    @Test
    void names() {
        assertThrows(IllegalArgumentException.class, () -> Cluster.several("a/b", null));
        assertThrows(IllegalArgumentException.class, () -> Cluster.several("#", null));
        assertThrows(IllegalArgumentException.class, () -> Cluster.several("g", "a b"));
        assertThrows(IllegalArgumentException.class, () -> Cluster.several(null, "a"));
        assertFalse(Cluster.single().several());
        Cluster c = Cluster.several("centrals", null);
        assertTrue(c.instance().endsWith("-" + ProcessHandle.current().pid()), c.instance());
    }

    /** Verifies the subscriptions: events and hellos shared within the group, status to every central. */
    @Test
    void filters() {
        Topics t = new Topics("gardens");
        assertEquals(List.of(AgentGateway.filters(t)), List.of(AgentGateway.filters(t, null)));
        List<String> shared = List.of(AgentGateway.filters(t, "centrals"));
        assertEquals(List.of("$share/centrals/" + t.allLanes(Topics.Channel.EVENT), t.allLanes(Topics.Channel.STATUS),
                "$share/centrals/" + t.allLanes(Topics.Channel.HELLO)), shared);
    }

    /** Verifies that several centrals are refused the embedded broker and SQLite, saying why. */
    @Test
    void refusedWithoutASharedBrokerAndDatabase() {
        Vertx vertx = Vertx.vertx();
        try {
            CentralConfig embedded = CentralConfig.defaults("gardens", dir, List.of(), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Central.start(vertx,
                    embedded, Clock.systemUTC(), Central.Service.none(), Cluster.several("centrals", "a")));
            assertTrue(e.getMessage().contains("external broker"), e.getMessage());
            CentralConfig sqlite = embedded.withExternalBroker("tcp://127.0.0.1:1", "central", "pw")
                    .withDatabase(new DatabaseTarget.Sqlite(dir.resolve("central.db")));
            e = assertThrows(IllegalArgumentException.class, () -> Central.start(vertx, sqlite, Clock.systemUTC(),
                    Central.Service.none(), Cluster.several("centrals", "a")));
            assertTrue(e.getMessage().contains("PostgreSQL"), e.getMessage());
        } finally {
            vertx.close();
        }
    }
}
