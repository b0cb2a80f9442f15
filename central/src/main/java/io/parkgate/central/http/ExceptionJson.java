package io.parkgate.central.http;

import io.parkgate.central.exception.CaseFile;
import io.parkgate.central.exception.CaseFile.CardRow;
import io.parkgate.central.exception.CaseFile.OwnerRow;
import io.parkgate.central.exception.CaseFile.PreviousPassage;
import io.parkgate.central.exception.ExceptionCase;
import io.parkgate.central.lane.SnapshotLinks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Exception cases as the supervisor console and the booth are sent them (the shape they were built on): the
 * stored columns in camelCase and in the table's order, times as ISO-8601 instants, what was not recorded left
 * out, then the measured waits.
 */
public final class ExceptionJson {

    private ExceptionJson() {
    }

    /** The case with the lane's snapshot reference as a signed link the console can open. */
    public static ExceptionCase signed(ExceptionCase x, SnapshotLinks links) {
        return x.snapshotRef() == null ? x : x.withSnapshotRef(links.link(x.laneId(), x.snapshotRef()));
    }

    /** The queue (the API's list and the console's live stream). */
    public static JsonArray of(List<ExceptionCase> cases) {
        JsonArray out = new JsonArray();
        cases.forEach(x -> out.add(of(x)));
        return out;
    }

    public static JsonObject of(ExceptionCase x) {
        return durations(fields(x), x);
    }

    /** A case with its evidence; the waits come last, after the files. */
    public static JsonObject of(CaseFile f) {
        ExceptionCase x = f.exception();
        JsonObject o = fields(x);
        if (f.cardFile() != null) {
            JsonObject card = new JsonObject().put("card", card(f.cardFile().card()));
            if (f.cardFile().card() != null && f.cardFile().card().ownerId() != null) {
                card.put("owner", owner(f.cardFile().owner()));
            }
            o.put("cardFile", card);
        }
        if (f.vehicleFile() != null) {
            CaseFile.VehicleFile v = f.vehicleFile();
            JsonObject file = new JsonObject();
            if (v.vehicle() == null) {
                file.putNull("vehicle");
            } else {
                JsonObject vehicle = new JsonObject().put("plate", v.vehicle().plate());
                putIfSet(vehicle, "ownerId", v.vehicle().ownerId());
                putIfSet(vehicle, "colour", v.vehicle().colour());
                putIfSet(vehicle, "vehicleClass", v.vehicle().vehicleClass());
                file.put("vehicle", vehicle);
                if (v.vehicle().ownerId() != null) {
                    file.put("owner", owner(v.owner()));
                }
            }
            JsonArray cards = new JsonArray();
            v.cards().forEach(c -> cards.add(card(c)));
            JsonArray passes = new JsonArray();
            v.passes().forEach(p -> {
                JsonObject pass = new JsonObject().put("id", p.id()).put("plate", p.plate()).put("type", p.type())
                        .put("validFrom", p.validFrom());
                putIfSet(pass, "validUntil", p.validUntil());
                passes.add(pass);
            });
            file.put("cards", cards).put("passes", passes);
            if (v.visitor() == null) {
                file.putNull("visitor");
            } else {
                JsonObject visitor = new JsonObject().put("plate", v.visitor().plate());
                putIfSet(visitor, "hostOwnerId", v.visitor().hostOwnerId());
                visitor.put("validFrom", v.visitor().validFrom()).put("validUntil", v.visitor().validUntil());
                putIfSet(visitor, "note", v.visitor().note());
                file.put("visitor", visitor);
            }
            if (v.blacklist() == null) {
                file.putNull("blacklist");
            } else {
                JsonObject entry = new JsonObject().put("plate", v.blacklist().plate());
                putIfSet(entry, "reason", v.blacklist().reason());
                file.put("blacklist", entry);
            }
            o.put("vehicleFile", file);
        }
        if (f.previousPassages() != null) {
            JsonArray passages = new JsonArray();
            f.previousPassages().forEach(p -> passages.add(passage(p)));
            o.put("previousPassages", passages);
        }
        return durations(o, x);
    }

    private static JsonObject fields(ExceptionCase x) {
        JsonObject o = new JsonObject().put("id", x.id()).put("eventId", x.eventId()).put("laneId", x.laneId());
        putIfSet(o, "code", x.code());
        putIfSet(o, "plate", x.plate());
        putIfSet(o, "plateAsRead", x.plateAsRead());
        putIfSet(o, "card", x.card());
        putIfSet(o, "reason", x.reason());
        putIfSet(o, "snapshotRef", x.snapshotRef());
        putIfSet(o, "openedAt", x.openedAt());
        putIfSet(o, "status", x.status());
        putIfSet(o, "escalatedAt", x.escalatedAt());
        putIfSet(o, "claimedBy", x.claimedBy());
        putIfSet(o, "claimedAt", x.claimedAt());
        putIfSet(o, "licenceNo", x.licenceNo());
        putIfSet(o, "idCardNo", x.idCardNo());
        putIfSet(o, "statement", x.statement());
        putIfSet(o, "signatureRef", x.signatureRef());
        putIfSet(o, "feeFen", x.feeFen());
        putIfSet(o, "feeAction", x.feeAction());
        putIfSet(o, "paymentMethod", x.paymentMethod());
        putIfSet(o, "waiveReason", x.waiveReason());
        putIfSet(o, "outcome", x.outcome());
        putIfSet(o, "resolvedBy", x.resolvedBy());
        putIfSet(o, "resolvedAt", x.resolvedAt());
        putIfSet(o, "commandId", x.commandId());
        putIfSet(o, "releasedAt", x.releasedAt());
        putIfSet(o, "claimedByName", x.claimedByName());
        putIfSet(o, "resolvedByName", x.resolvedByName());
        return o;
    }

    private static JsonObject durations(JsonObject o, ExceptionCase x) {
        putIfSet(o, "secondsToClaim", x.secondsToClaim());
        putIfSet(o, "secondsToResolve", x.secondsToResolve());
        return o;
    }

    private static JsonObject owner(OwnerRow w) {
        if (w == null) {
            return null;
        }
        JsonObject o = new JsonObject().put("id", w.id()).put("name", w.name());
        putIfSet(o, "unit", w.unit());
        putIfSet(o, "phone", w.phone());
        return o;
    }

    private static JsonObject card(CardRow c) {
        if (c == null) {
            return null;
        }
        JsonObject o = new JsonObject().put("number", c.number());
        putIfSet(o, "ownerId", c.ownerId());
        putIfSet(o, "plate", c.plate());
        return o.put("status", c.status());
    }

    private static JsonObject passage(PreviousPassage p) {
        JsonObject o = new JsonObject().put("eventId", p.eventId()).put("laneId", p.laneId()).put("type", p.type())
                .put("occurredAt", p.occurredAt().toString()).put("receivedAt", p.receivedAt().toString());
        putIfSet(o, "plate", p.plate());
        putIfSet(o, "plateAsRead", p.plateAsRead());
        putIfSet(o, "colour", p.colour());
        putIfSet(o, "confidence", p.confidence());
        putIfSet(o, "card", p.card());
        putIfSet(o, "code", p.code());
        putIfSet(o, "reason", p.reason());
        putIfSet(o, "feeFen", p.feeFen());
        putIfSet(o, "paymentMethod", p.paymentMethod());
        putIfSet(o, "remark", p.remark());
        putIfSet(o, "snapshotRef", p.snapshotRef());
        putIfSet(o, "relatedId", p.relatedId());
        return o;
    }

    /** Times as ISO-8601 instants, enumerations by name, nothing for what was not recorded. */
    private static void putIfSet(JsonObject o, String key, Object value) {
        if (value instanceof Instant t) {
            o.put(key, t.toString());
        } else if (value instanceof Enum<?> e) {
            o.put(key, e.name());
        } else if (value != null) {
            o.put(key, value);
        }
    }
}
