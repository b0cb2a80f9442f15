package io.parkgate.config;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reading a YAML file for its problems: the document, and how its nodes are named in messages. */
public final class YamlValues {

    private static final int MAX_SHOWN = 60;

    private YamlValues() {
    }

    /**
     * The document's root node, or null with the problem reported (empty, or not well-formed YAML: with the
     * line where the parser stopped). Aliases and nesting are bounded, so a hostile file cannot blow up.
     *
     * @param what what the top level should be, for the message about an empty file
     */
    public static Node compose(String yaml, Problems problems, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        try {
            Node root = new Yaml(options).compose(new StringReader(yaml));
            if (root == null) {
                problems.add(0, "", "an empty file", what);
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            problems.add(mark == null ? 0 : mark.getLine() + 1, "", "invalid YAML (" + problem + ")",
                    "well-formed YAML: check indentation, colons and quotes near this line");
        } catch (YAMLException e) {
            problems.add(0, "", "unreadable YAML (" + e.getMessage() + ")", "well-formed YAML");
        }
        return null;
    }

    /** 1-based line of the node, 0 when unknown. */
    public static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** Whether the node is YAML's null ({@code ~}, {@code null} or nothing after the colon). */
    public static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** What the file says, for "found …": a quoted scalar, "a list", "a mapping" or "nothing". */
    public static String describe(Node node) {
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

    public static String quote(String value) {
        String v = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value;
        return "'" + v.replace("\n", "\\n") + "'";
    }
}
