package io.parkgate.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one file so the user sees them all at once, not one per start. */
public final class Problems {

    private final String file;
    private final List<ConfigProblem> list = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(Node at, String keyPath, String found, String expected) {
        add(YamlValues.line(at), keyPath, found, expected);
    }

    public void add(int line, String keyPath, String found, String expected) {
        list.add(new ConfigProblem(file, line, keyPath, found, expected));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            // In file order, so the user can walk down the file fixing them.
            list.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(file, list);
        }
    }
}
