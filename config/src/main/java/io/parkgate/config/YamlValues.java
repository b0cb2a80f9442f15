package io.parkgate.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** How YAML nodes are named in messages. */
final class YamlValues {

    private static final int MAX_SHOWN = 60;

    private YamlValues() {
    }

    /** 1-based line of the node, 0 when unknown. */
    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** Whether the node is YAML's null ({@code ~}, {@code null} or nothing after the colon). */
    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** What the file says, for "found …": a quoted scalar, "a list", "a mapping" or "nothing". */
    static String describe(Node node) {
        if (isNull(node)) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            return quote(s.getValue());
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "an unreadable value";
    }

    static String quote(String value) {
        String v = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value;
        return "'" + v.replace("\n", "\\n") + "'";
    }
}
