package io.parkgate.agent.feedback;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.device.display.DisplayMessage;
import io.parkgate.config.Direction;
import io.parkgate.config.DisplayConfig.DisplayTemplates;
import io.parkgate.protocol.display.DisplayFrame;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.tariff.Yuan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a lane display shows and says, from the lane's decision and the site file's templates. Pure.
 * Placeholders: {@code {plate}}, {@code {category}} (月租车, 临时车, 访客车, 免费车), {@code {fee}} (5元, 5.50元),
 * {@code {duration}} (停车1小时20分, at an exit while the stay is open),
 * {@code {passInfo}} (剩余30天), {@code {message}} (the decision's words to the driver), {@code {freeSpaces}}.
 * A display line whose placeholders are all empty is left blank (no lone "余位" when the count is unknown).
 */
public final class DisplayText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /**
     * The facts of one decision as the driver should hear them.
     *
     * @param feeFen     the fee due or paid, or null
     * @param daysLeft   whole days left on a pass holder's pass, or null
     * @param freeSpaces the free-space count, or null when not kept
     * @param parked     how long the vehicle has been inside (exit), or null when not known
     */
    public record Facts(Direction direction, Verdict verdict, String plate, PayerCategory payer, Long feeFen,
                        Long daysLeft, String message, Integer freeSpaces, java.time.Duration parked) {

        public Facts(Direction direction, Verdict verdict, String plate, PayerCategory payer, Long feeFen,
                     Long daysLeft, String message, Integer freeSpaces) {
            this(direction, verdict, plate, payer, feeFen, daysLeft, message, freeSpaces, null);
        }
    }

    private DisplayText() {
    }

    public static DisplayMessage decision(DisplayTemplates templates, Facts f) {
        String key;
        if (f.direction() == Direction.IN) {
            key = f.verdict() == Verdict.OPEN ? "entry" : "entryHold";
        } else if (f.verdict() == Verdict.OPEN) {
            key = "exit";
        } else {
            key = f.feeFen() != null && f.feeFen() > 0 ? "exitPay" : "exitHold";
        }
        Map<String, String> v = new HashMap<>();
        v.put("plate", f.plate() == null ? "" : f.plate());
        v.put("category", category(f.payer()));
        v.put("fee", f.feeFen() == null || f.feeFen() <= 0 ? "" : yuan(f.feeFen()));
        v.put("passInfo", f.daysLeft() == null ? "" : "剩余" + f.daysLeft() + "天");
        v.put("message", f.message() == null ? "" : f.message());
        v.put("freeSpaces", f.freeSpaces() == null ? "" : Integer.toString(f.freeSpaces()));
        v.put("duration", f.parked() == null || f.parked().isNegative() ? "" : parked(f.parked()));
        return new DisplayMessage(lines(templates.text(key), v), fill(templates.text(key + "Voice"), v),
                f.verdict() == Verdict.OPEN ? DisplayFrame.Colour.GREEN : DisplayFrame.Colour.RED);
    }

    /** The display between vehicles: a greeting, and the free spaces on an entry. */
    public static DisplayMessage idle(DisplayTemplates templates, Direction direction, Integer freeSpaces) {
        Map<String, String> v = Map.of("freeSpaces", freeSpaces == null ? "" : Integer.toString(freeSpaces));
        return new DisplayMessage(lines(templates.text(direction == Direction.IN ? "idleEntry" : "idleExit"), v),
                null, DisplayFrame.Colour.GREEN);
    }

    static String category(PayerCategory payer) {
        if (payer == null) {
            return "";
        }
        return switch (payer) {
            case PASS_HOLDER -> "月租车";
            case TEMPORARY -> "临时车";
            case VISITOR -> "访客车";
            case EXEMPT -> "免费车";
        };
    }

    /** 1 h 20 min → "停车1小时20分", 5 min → "停车5分", 26 h → "停车26小时0分". */
    static String parked(java.time.Duration d) {
        long minutes = d.toMinutes();
        return minutes < 60 ? "停车" + minutes + "分" : "停车" + minutes / 60 + "小时" + minutes % 60 + "分";
    }

    /** 500 → "5元", 550 → "5.50元". */
    static String yuan(long fen) {
        return Yuan.brief(fen) + "元";
    }

    private static List<String> lines(String template, Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (String line : template.split("\\|", -1)) {
            out.add(line(line, values));
        }
        return out;
    }

    private static String line(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        boolean any = false;
        boolean allEmpty = true;
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            any = true;
            String value = values.getOrDefault(m.group(1), "");
            allEmpty &= value.isEmpty();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return any && allEmpty ? "" : collapse(out.toString());
    }

    private static String fill(String template, Map<String, String> values) {
        if (template == null || template.isBlank()) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return collapse(out.toString());
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
