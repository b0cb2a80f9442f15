package io.parkgate.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What every gate agent of the site shares.
 *
 * @param dataRoot  directory under which each agent keeps its own data directory (journal, outbox,
 *                  registry cache); relative paths are relative to the agent's working directory
 * @param framePort HTTP port on which an agent accepts JPEG frames POSTed by imaging cameras;
 *                  0 means no frame listener
 */
public record AgentSettings(Path dataRoot, int framePort) {

    public static final Path DEFAULT_DATA_ROOT = Path.of("var", "agents");

    public AgentSettings {
        Objects.requireNonNull(dataRoot, "dataRoot");
        if (framePort < 0 || framePort > 65535) {
            throw new IllegalArgumentException("framePort " + framePort + " is not 0..65535");
        }
    }

    public static AgentSettings defaults() {
        return new AgentSettings(DEFAULT_DATA_ROOT, 0);
    }

    /** The data directory of one agent, named by its id (a lane or post id). */
    public Path dataDir(String agentId) {
        return dataRoot.resolve(agentId);
    }
}
