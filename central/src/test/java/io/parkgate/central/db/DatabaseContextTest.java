package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a transaction's future completes: on the caller's Vert.x context, never on the database thread. */
class DatabaseContextTest {

    @TempDir
    Path dir;

    /** Verifies that what an event-loop caller chains on a transaction runs on that event loop. */
    @Test
    void completesOnTheCallersEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Database db = io.parkgate.central.db.TestDatabases.open(dir, "c.db")) {
            CompletableFuture<String[]> threads = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                String caller = Thread.currentThread().getName();
                db.tx(c -> Thread.currentThread().getName()).onComplete(r ->
                        threads.complete(new String[] {caller, r.result(), Thread.currentThread().getName()}));
            });
            String[] t = threads.get(10, TimeUnit.SECONDS);
            assertTrue(t[0].startsWith("vert.x-eventloop"), t[0]);
            assertTrue(!t[1].equals(t[0]), "the work itself ran on the database thread: " + t[1]);
            assertEquals(t[0], t[2], "the completion came back to the caller's event loop");

            CompletableFuture<String> failed = new CompletableFuture<>();
            vertx.runOnContext(v -> db.tx(c -> {
                throw new java.sql.SQLException("boom");
            }).onFailure(e -> failed.complete(Thread.currentThread().getName() + " " + e.getMessage())));
            assertEquals(t[0] + " boom", failed.get(10, TimeUnit.SECONDS));

            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            vertx.runOnContext(v -> refused.complete(assertThrows(IllegalStateException.class,
                    () -> db.txAndWait(c -> 1))));
            assertTrue(refused.get(10, TimeUnit.SECONDS).getMessage().contains("event loop"));
            assertEquals(Integer.valueOf(1), db.<Integer>txAndWait(c -> 1), "off the event loop it waits as before");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
