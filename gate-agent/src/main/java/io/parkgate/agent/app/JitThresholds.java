package io.parkgate.agent.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.UnaryOperator;

/**
 * Says at start how soon this JVM optimises a lane's per-car code, so that an operator sees when the launcher's
 * thresholds (conf/jvm.options) are not in force.
 *
 * <p>Why it matters: most of the path from a card frame to OPEN runs once per car. At the JVM's default threshold
 * (an optimising compilation after about 5,000 calls) that path stays interpreted or half-compiled for days, and a
 * restart starts it over: the agent in its own process printed OPEN medians 0.3 ms higher after 600 cars with the
 * defaults than with the launcher's thresholds (docs/benchmarks.md, "The JIT's thresholds").
 */
public final class JitThresholds {

    /** The calls after which a method is given to the optimising compiler (C2). */
    static final String OPTIMISE_AFTER = "Tier4InvocationThreshold";
    /** At or below this, per-car code is optimised within a day's traffic of one lane. */
    private static final long SOON = 1_000;

    private JitThresholds() {
    }

    /** One line for the start-up log about this JVM. */
    public static String describe() {
        return describe(JitThresholds::vmOption);
    }

    /** @param option a VM option's value by name, or null when the JVM has no such option */
    static String describe(UnaryOperator<String> option) {
        String value = option.apply(OPTIMISE_AFTER);
        long calls;
        try {
            calls = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return "JIT threshold " + OPTIMISE_AFTER + " unknown in this JVM (" + value + "): how soon a lane's"
                    + " per-car code is optimised is not known";
        }
        if (calls <= SOON) {
            return "JIT thresholds lowered (" + OPTIMISE_AFTER + "=" + calls + "): a lane's per-car code is optimised"
                    + " after about " + calls + " cars";
        }
        return "JIT thresholds at " + OPTIMISE_AFTER + "=" + calls + ", not the launcher's (conf/jvm.options): a"
                + " lane's per-car code is optimised only after about " + calls + " cars, and OPEN comes later until"
                + " then";
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (IllegalArgumentException | NullPointerException e) {
            return null; // not HotSpot, or an option this JVM does not have
        }
    }
}
