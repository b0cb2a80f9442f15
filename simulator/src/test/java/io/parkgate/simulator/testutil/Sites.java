package io.parkgate.simulator.testutil;

import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import java.nio.file.Path;

/** Site configs for tests, read by the real loader: the north gate of compound-2-lanes.yaml. */
public final class Sites {

    private Sites() {
    }

    /** north-in (card reader and smart camera) and north-out, every device on TCP. */
    public static SiteConfig northGate() {
        return SiteConfigLoader.parse(NORTH_GATE_YAML, Path.of("north-gate.yaml"));
    }

    /** The site file text of {@link #northGate()}. */
    public static final String NORTH_GATE_YAML = """
                site:
                  id: lakeside
                  name: 湖畔花园停车场
                tariff:
                  small:
                    laterPeriods: { length: 1h, price: 300 }
                lanes:
                  - id: north-in
                    name: 北门入口
                    direction: IN
                    post: north
                    devices:
                      io:
                        transport: tcp://127.0.0.1:47101
                      cardReader:
                        transport: tcp://127.0.0.1:47102
                      camera:
                        transport: tcp://127.0.0.1:47103
                  - id: north-out
                    name: 北门出口
                    direction: OUT
                    post: north
                    devices:
                      io:
                        transport: tcp://127.0.0.1:47111
                      cardReader:
                        transport: tcp://127.0.0.1:47112
                      camera:
                        transport: tcp://127.0.0.1:47113
                """;

    /** One lane whose I/O controller is on a serial port (served on a pseudo-terminal). */
    public static SiteConfig serialLane(String ioPath) {
        return SiteConfigLoader.parse("""
                site:
                  id: lakeside
                  name: 湖畔花园停车场
                tariff:
                  small:
                    laterPeriods: { length: 1h, price: 300 }
                lanes:
                  - id: east-in
                    name: 东门入口
                    direction: IN
                    post: east
                    devices:
                      io:
                        transport: serial:%s?baud=9600
                        address: 5
                      camera:
                        transport: tcp://127.0.0.1:47203
                """.formatted(ioPath), Path.of("serial-lane.yaml"));
    }
}
