package io.parkgate.central.http;

import io.parkgate.central.exception.ExceptionService;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.lane.SnapshotLinks;
import io.parkgate.central.note.NoteService;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.passage.PaymentService;
import io.parkgate.central.passage.Quarantine;
import io.parkgate.central.registry.RegistryService;
import io.parkgate.central.shift.ShiftService;
import java.time.ZoneId;

/**
 * One compound's services as the HTTP door reaches them: each is bound to the site, reads and writes only its
 * records and checks the caller's role there.
 *
 * @param maxFen the largest amount taken at once at this site (its tariff's {@code maxAmountFen})
 * @param links  signs the site's lanes' snapshot references
 */
public record SiteServices(String site, ZoneId zone, long maxFen, LaneService lanes, PassageService passages,
                           PaymentService payments, ExceptionService exceptions, ShiftService shifts,
                           NoteService notes, Quarantine quarantine, RegistryService registry, SnapshotLinks links) {
}
