package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Where a transaction's future completes: on the caller's Vert.x context, never on the database thread. */
@ExtendWith(VertxExtension.class)
class DatabaseContextTest {

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(dir, "c.db");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Verifies that what an event-loop caller chains on a transaction runs on that event loop. */
    @Test
    void completesOnTheCallersEventLoop(Vertx vertx, VertxTestContext test) {
        Checkpoint done = test.checkpoint(3);
        vertx.runOnContext(v -> {
            String caller = Thread.currentThread().getName();
            db.tx(c -> Thread.currentThread().getName()).onComplete(test.succeeding(worker -> test.verify(() -> {
                assertTrue(caller.startsWith("vert.x-eventloop"), caller);
                assertNotEquals(caller, worker, "the work itself ran on the database thread");
                assertEquals(caller, Thread.currentThread().getName(),
                        "the completion came back to the caller's event loop");
                done.flag();
            })));
            db.tx(c -> {
                throw new java.sql.SQLException("boom");
            }).onComplete(test.failing(e -> test.verify(() -> {
                assertEquals(caller + " boom", Thread.currentThread().getName() + " " + e.getMessage());
                done.flag();
            })));
            test.verify(() -> {
                assertTrue(assertThrows(IllegalStateException.class, () -> db.txAndWait(c -> 1)).getMessage()
                        .contains("event loop"));
                done.flag();
            });
        });
        assertEquals(Integer.valueOf(1), db.<Integer>txAndWait(c -> 1), "off the event loop it waits as before");
    }
}
