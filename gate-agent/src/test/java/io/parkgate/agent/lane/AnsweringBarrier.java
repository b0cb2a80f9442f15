package io.parkgate.agent.lane;

import io.parkgate.agent.port.BarrierController;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A barrier for lane tests that carries out every command at once and tells {@code asked} which one: OPEN or CLOSE. */
public class AnsweringBarrier implements BarrierController {

    private final Consumer<String> asked;

    public AnsweringBarrier(Consumer<String> asked) {
        this.asked = asked;
    }

    @Override
    public CompletionStage<Void> pulseOpen() {
        asked.accept("OPEN");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Boolean> pulseClose() {
        asked.accept("CLOSE");
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletionStage<Void> setLamp(boolean green) {
        return CompletableFuture.completedFuture(null);
    }
}
