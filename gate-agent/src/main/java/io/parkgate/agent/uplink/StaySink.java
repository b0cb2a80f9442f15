package io.parkgate.agent.uplink;

import io.parkgate.wire.StayChange;
import java.util.List;

/**
 * Receives the stays central relays from every lane of the site (opened at an entry, closed at an exit), and
 * the site's open stays after each hello. Changes may repeat: applying one twice must change nothing.
 * Called from the uplink's inbound thread.
 */
public interface StaySink {

    void changes(List<StayChange> changes);

    StaySink IGNORE = changes -> { };
}
