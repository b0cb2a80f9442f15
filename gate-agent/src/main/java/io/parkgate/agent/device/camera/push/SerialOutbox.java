package io.parkgate.agent.device.camera.push;

import io.parkgate.protocol.vendor.ZhenshiCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Bytes waiting to go to the Zhenshi camera's RS-485 port in the {@code serialData} of the next reply:
 * the camera has no other way in from the agent than the answer to its own push or heartbeat. Bounded:
 * a camera that stops pushing does not make the agent hoard display texts (the newest win).
 */
public final class SerialOutbox {

    static final int MAX_CHUNKS = 16;

    private final List<ZhenshiCodec.SerialChunk> pending = new ArrayList<>();
    private CompletableFuture<Void> filled = new CompletableFuture<>();

    public synchronized void offer(ZhenshiCodec.SerialChunk chunk) {
        if (pending.size() == MAX_CHUNKS) {
            pending.remove(0);
        }
        pending.add(chunk);
        filled.complete(null);
    }

    /**
     * Completes once something is pending (at once when something already is). A copy: a caller's timeout
     * completing it must not complete it for the others.
     */
    public synchronized CompletableFuture<Void> whenFilled() {
        return pending.isEmpty() ? filled.copy() : CompletableFuture.completedFuture(null);
    }

    public synchronized List<ZhenshiCodec.SerialChunk> drain() {
        List<ZhenshiCodec.SerialChunk> out = List.copyOf(pending);
        pending.clear();
        if (filled.isDone()) {
            filled = new CompletableFuture<>();
        }
        return out;
    }
}
