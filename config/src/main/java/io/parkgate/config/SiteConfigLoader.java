package io.parkgate.config;

import io.parkgate.config.LaneParser.ParsedLane;
import io.parkgate.tariff.TariffSchedule;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses the one human-edited site file (YAML) into a validated {@link SiteConfig}. Every problem of
 * the file is collected and thrown together as a {@link ConfigException}; see docs/configuration.md.
 */
public final class SiteConfigLoader {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final String ID_EXPECTED = "1..32 characters of a-z, 0-9 and '-', not starting with '-' "
            + "(it is used in MQTT topics)";

    private static final Pattern ANY_TEXT = Pattern.compile("\\S.*", Pattern.DOTALL);
    /** Without a port (central's ports are keys of their own), an IPv6 address in brackets as in URLs. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern ANY_ADDRESS = Pattern.compile("0\\.0\\.0\\.0|\\[[0:]+]");
    /** 1..65535 and nothing else: a port like 99999 would pass the file and fail only when connecting. */
    private static final String URL_PORT = "(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}"
            + "|[1-9]\\d{0,3})";
    /** A host name, an IPv4 address or a bracketed IPv6 one: a bare colon would hide a wrong port. */
    private static final String URL_HOST = "(?:[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])";
    private static final Pattern BROKER_URL = Pattern.compile("(tcp|ssl)://" + URL_HOST + ":" + URL_PORT);
    private static final Pattern POSTGRESQL_URL = Pattern.compile(
            "jdbc:postgresql://" + URL_HOST + "(:" + URL_PORT + ")?/\\S+");
    private static final Pattern DB_USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final String PORT = "a TCP port 0..65535 (0 = any free port)";

    private SiteConfigLoader() {
    }

    /**
     * Reads and validates a site file.
     *
     * @throws ConfigException listing every problem, when the file cannot be used
     */
    public static SiteConfig load(Path file) {
        Problems problems = new Problems(file.toString());
        String text = null;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(0, "", "no such file", "a readable YAML site file");
        } catch (CharacterCodingException e) {
            problems.add(0, "", "bytes that are not UTF-8", "a UTF-8 text file");
        } catch (IOException e) {
            problems.add(0, "", "a file that cannot be read (" + e.getMessage() + ")", "a readable YAML site file");
        }
        problems.throwIfAny();
        return parse(text, file, problems);
    }

    /**
     * Validates site YAML given as text; {@code source} names it in messages.
     *
     * @throws ConfigException listing every problem, when the text cannot be used
     */
    public static SiteConfig parse(String yaml, Path source) {
        return parse(yaml, source, new Problems(source.toString()));
    }

    private static SiteConfig parse(String yaml, Path source, Problems problems) {
        Node root = YamlValues.compose(yaml, problems, "a mapping with the sections site, tariff and lanes");
        problems.throwIfAny();
        YamlMap top = YamlMap.of(root, "", problems, "a mapping with the sections site, tariff and lanes");

        YamlMap site = top.requiredMap("site", "a mapping with id and name");
        String siteId = site.requiredString("id", ID, ID_EXPECTED);
        String siteName = site.requiredString("name", ANY_TEXT, "the site's name, e.g. 湖畔花园停车场");
        ZoneId zone = zone(site);
        site.finish();

        YamlMap centralMap = top.map("central", "a mapping with host, mqttUrl or mqttPort, and httpPort");
        CentralLink central = central(centralMap);
        YamlMap agentsMap = top.map("agents", "a mapping with dataDir and framePort");
        AgentSettings agents = agents(agentsMap);

        TariffSchedule tariff = TariffParser.parse(top.requiredMap("tariff", "a mapping with small (and large)"));
        long maxFen = Math.min(TariffParser.MAX_FEN, tariff.maxAmountFen());

        YamlMap rulesMap = top.map("rules", "a mapping of lane rules for every lane");
        LaneRules siteRules = rulesMap == null ? LaneRules.defaults() : RulesParser.parse(rulesMap,
                LaneRules.defaults(), maxFen);

        List<ExemptionCategory> exemptions = top.has("exemptions")
                ? exemptions(top.list("exemptions", "a list of exemption categories"), top.path("exemptions"), problems)
                : ExemptionCategory.defaults();

        List<ParsedLane> lanes = new ArrayList<>();
        top.require("lanes", "a list of lanes");
        List<Node> laneNodes = top.list("lanes", "a list of lanes");
        if (top.has("lanes") && laneNodes.isEmpty() && problems.isEmpty()) {
            top.problem("lanes", "an empty list", "at least one lane");
        }
        for (int i = 0; i < laneNodes.size(); i++) {
            lanes.add(LaneParser.parse(laneNodes.get(i), "lanes[" + i + "]", problems, siteRules, maxFen));
        }
        top.finish();

        SiteChecks.check(lanes, agents, agentsMap, central, centralMap, problems);
        problems.throwIfAny();
        return new SiteConfig(source, siteId, siteName, lanes.stream().map(ParsedLane::lane).toList(), tariff,
                exemptions, central, zone, agents);
    }

    private static ZoneId zone(YamlMap site) {
        String expected = "a time zone id such as Asia/Shanghai";
        String text = site.string("timeZone", null, null, expected);
        if (text == null) {
            return SiteConfig.DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            site.problem("timeZone", YamlValues.quote(text), expected);
            return SiteConfig.DEFAULT_ZONE;
        }
    }

    private static CentralLink central(YamlMap m) {
        if (m == null) {
            return new CentralLink(null, CentralLink.DEFAULT_MQTT_PORT, CentralLink.DEFAULT_HTTP_PORT);
        }
        String host = m.string("host", CentralLink.DEFAULT_HOST, HOST, "a host name or IP address without a port, "
                + "e.g. central.example or 10.20.0.5 (the ports are mqttPort and httpPort)");
        if (ANY_ADDRESS.matcher(host).matches()) {
            // Agents would connect to 0.0.0.0, which is their own machine: every lane would stay offline.
            m.problem("host", YamlValues.quote(host), "the address agents reach central at, e.g. 10.20.0.5 "
                    + "(central listens there); 0.0.0.0 means every interface and reaches no other machine");
        }
        List<String> urls = brokerUrls(m);
        if (m.has("mqttUrl") && m.has("mqttPort")) {
            m.problem("mqttPort", "mqttPort next to mqttUrl",
                    "only one of them: mqttUrl for an external broker, mqttPort for central's embedded broker");
        }
        int mqttPort = (int) m.integer("mqttPort", CentralLink.DEFAULT_MQTT_PORT, 0, 65535, PORT);
        int httpPort = (int) m.integer("httpPort", CentralLink.DEFAULT_HTTP_PORT, 0, 65535, PORT);
        CentralDatabase database = database(m.map("database", "a mapping with url and user (PostgreSQL)"));
        m.finish();
        return new CentralLink(urls, mqttPort, httpPort, host, database);
    }

    /**
     * {@code central.mqttUrl}: one broker URL, or a list of them (the nodes of a broker cluster, tried in
     * order); absent = central's embedded broker. All of a list speak the same transport (one TLS set-up).
     */
    private static List<String> brokerUrls(YamlMap m) {
        String expected = "a broker URL tcp://HOST:PORT or ssl://HOST:PORT with a port 1..65535";
        if (!(m.get("mqttUrl") instanceof SequenceNode)) {
            String url = m.string("mqttUrl", null, BROKER_URL, expected + ", or a list of them");
            return url == null ? List.of() : List.of(url);
        }
        List<Node> nodes = m.list("mqttUrl", "a list of broker URLs");
        Set<String> urls = new LinkedHashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = m.path("mqttUrl") + "[" + i + "]";
            Node n = nodes.get(i);
            String text = n instanceof ScalarNode sc && !YamlValues.isNull(n) ? sc.getValue().trim() : null;
            if (text == null || !BROKER_URL.matcher(text).matches()) {
                m.problemAt(n, at, text == null ? YamlValues.describe(n) : YamlValues.quote(text), expected);
            } else if (!urls.add(text)) {
                m.problemAt(n, at, YamlValues.quote(text) + " a second time", "each broker once");
            }
        }
        if (nodes.isEmpty()) {
            m.problem("mqttUrl", "an empty list", "at least one broker URL; no mqttUrl at all for central's "
                    + "embedded broker");
        } else if (urls.stream().map(u -> u.substring(0, 3)).distinct().count() > 1) {
            m.problem("mqttUrl", "tcp:// and ssl:// URLs in one list", "the same transport for every broker");
        }
        return List.copyOf(urls);
    }

    /** {@code central.database}: PostgreSQL instead of central's SQLite file; absent = the SQLite file. */
    private static CentralDatabase database(YamlMap m) {
        if (m == null) {
            return null;
        }
        String url = m.requiredString("url", POSTGRESQL_URL, "a JDBC URL jdbc:postgresql://HOST[:PORT]/DATABASE, "
                + "a port 1..65535");
        String user = m.requiredString("user", DB_USER, "a PostgreSQL user name");
        if (m.has("password")) {
            m.problem("password", "a password in the site file", "no password here: central reads it from its "
                    + "secrets file ('" + CentralDatabase.PASSWORD_KEY + "') or " + CentralDatabase.PASSWORD_ENV);
        }
        m.finish();
        return new CentralDatabase(url, user);
    }

    private static AgentSettings agents(YamlMap m) {
        if (m == null) {
            return AgentSettings.defaults();
        }
        String dir = m.string("dataDir", null, ANY_TEXT, "a directory path, e.g. var/agents");
        Path dataRoot = AgentSettings.DEFAULT_DATA_ROOT;
        if (dir != null && dir.startsWith("~")) {
            // No shell expands it for a service: the agent would make a directory named '~' where it was started.
            m.problem("dataDir", YamlValues.quote(dir), "a path without '~' (not expanded here), e.g. "
                    + "/var/lib/parkgate/agents");
        } else if (dir != null) {
            try {
                dataRoot = Path.of(dir);
            } catch (InvalidPathException e) {
                m.problem("dataDir", YamlValues.quote(dir), "a valid directory path (" + e.getReason() + ")");
            }
        }
        int framePort = (int) m.integer("framePort", 0, 0, 65535,
                "a TCP port 1..65535 for imaging-camera frame POSTs, or 0 for none");
        m.finish();
        return new AgentSettings(dataRoot, framePort);
    }

    private static List<ExemptionCategory> exemptions(List<Node> nodes, String path, Problems problems) {
        List<ExemptionCategory> result = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            YamlMap m = YamlMap.of(nodes.get(i), path + "[" + i + "]", problems,
                    "an exemption category: a mapping with code, label, labelEn and platePatterns");
            String code = m.requiredString("code", CODE, "an upper-case code such as POLICE");
            if (!code.isEmpty() && !codes.add(code)) {
                m.problem("code", YamlValues.quote(code) + " a second time", "each exemption code once");
            }
            String label = m.requiredString("label", ANY_TEXT, "the Chinese name for the register, e.g. 警车");
            String labelEn = m.string("labelEn", code.toLowerCase(Locale.ROOT), ANY_TEXT,
                    "the English name, e.g. police");
            List<Pattern> patterns = new ArrayList<>();
            List<Node> patternNodes = m.list("platePatterns", "a list of regular expressions on the plate text");
            for (int j = 0; j < patternNodes.size(); j++) {
                Node p = patternNodes.get(j);
                String at = m.path("platePatterns") + "[" + j + "]";
                if (!(p instanceof ScalarNode s) || YamlValues.isNull(p)) {
                    problems.add(p, at, YamlValues.describe(p), "a regular expression such as '警$'");
                    continue;
                }
                try {
                    Pattern pattern = Pattern.compile(s.getValue());
                    if (pattern.matcher("").find()) {
                        // Searched in the plate, a pattern that finds even the empty text ('', '.*', '警|') finds
                        // every plate: every vehicle would leave free as policy-exempt.
                        problems.add(p, at, YamlValues.quote(s.getValue()) + " (it matches every plate)",
                                "a regular expression that only some plates match, such as '警$' or '^WJ'");
                        continue;
                    }
                    patterns.add(pattern);
                } catch (PatternSyntaxException e) {
                    problems.add(p, at, YamlValues.quote(s.getValue()) + " (" + e.getDescription() + ")",
                            "a valid Java regular expression such as '警$' or '^WJ'");
                }
            }
            m.finish();
            result.add(new ExemptionCategory(code, label, labelEn, patterns));
        }
        return result;
    }
}
