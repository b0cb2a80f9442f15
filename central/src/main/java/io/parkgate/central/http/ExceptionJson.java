package io.parkgate.central.http;

import io.parkgate.central.exception.CaseFile;
import io.parkgate.central.exception.CaseFile.CardRow;
import io.parkgate.central.exception.CaseFile.OwnerRow;
import io.parkgate.central.exception.CaseFile.PreviousPassage;
import io.parkgate.central.exception.ExceptionCase;
import io.parkgate.central.lane.SnapshotLinks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
                JsonPut.ifSet(vehicle, "ownerId", v.vehicle().ownerId());
                JsonPut.ifSet(vehicle, "colour", v.vehicle().colour());
                JsonPut.ifSet(vehicle, "vehicleClass", v.vehicle().vehicleClass());
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
                JsonPut.ifSet(pass, "validUntil", p.validUntil());
                passes.add(pass);
            });
            file.put("cards", cards).put("passes", passes);
            if (v.visitor() == null) {
                file.putNull("visitor");
            } else {
                JsonObject visitor = new JsonObject().put("plate", v.visitor().plate());
                JsonPut.ifSet(visitor, "hostOwnerId", v.visitor().hostOwnerId());
                visitor.put("validFrom", v.visitor().validFrom()).put("validUntil", v.visitor().validUntil());
                JsonPut.ifSet(visitor, "note", v.visitor().note());
                file.put("visitor", visitor);
            }
            if (v.blacklist() == null) {
                file.putNull("blacklist");
            } else {
                JsonObject entry = new JsonObject().put("plate", v.blacklist().plate());
                JsonPut.ifSet(entry, "reason", v.blacklist().reason());
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
        JsonPut.ifSet(o, "code", x.code());
        JsonPut.ifSet(o, "plate", x.plate());
        JsonPut.ifSet(o, "plateAsRead", x.plateAsRead());
        JsonPut.ifSet(o, "card", x.card());
        JsonPut.ifSet(o, "reason", x.reason());
        JsonPut.ifSet(o, "snapshotRef", x.snapshotRef());
        JsonPut.ifSet(o, "openedAt", x.openedAt());
        JsonPut.ifSet(o, "status", x.status());
        JsonPut.ifSet(o, "escalatedAt", x.escalatedAt());
        JsonPut.ifSet(o, "claimedBy", x.claimedBy());
        JsonPut.ifSet(o, "claimedAt", x.claimedAt());
        JsonPut.ifSet(o, "licenceNo", x.licenceNo());
        JsonPut.ifSet(o, "idCardNo", x.idCardNo());
        JsonPut.ifSet(o, "statement", x.statement());
        JsonPut.ifSet(o, "signatureRef", x.signatureRef());
        JsonPut.ifSet(o, "feeFen", x.feeFen());
        JsonPut.ifSet(o, "feeAction", x.feeAction());
        JsonPut.ifSet(o, "paymentMethod", x.paymentMethod());
        JsonPut.ifSet(o, "waiveReason", x.waiveReason());
        JsonPut.ifSet(o, "outcome", x.outcome());
        JsonPut.ifSet(o, "resolvedBy", x.resolvedBy());
        JsonPut.ifSet(o, "resolvedAt", x.resolvedAt());
        JsonPut.ifSet(o, "commandId", x.commandId());
        JsonPut.ifSet(o, "releasedAt", x.releasedAt());
        JsonPut.ifSet(o, "claimedByName", x.claimedByName());
        JsonPut.ifSet(o, "resolvedByName", x.resolvedByName());
        return o;
    }

    private static JsonObject durations(JsonObject o, ExceptionCase x) {
        JsonPut.ifSet(o, "secondsToClaim", x.secondsToClaim());
        JsonPut.ifSet(o, "secondsToResolve", x.secondsToResolve());
        return o;
    }

    private static JsonObject owner(OwnerRow w) {
        if (w == null) {
            return null;
        }
        JsonObject o = new JsonObject().put("id", w.id()).put("name", w.name());
        JsonPut.ifSet(o, "unit", w.unit());
        JsonPut.ifSet(o, "phone", w.phone());
        return o;
    }

    private static JsonObject card(CardRow c) {
        if (c == null) {
            return null;
        }
        JsonObject o = new JsonObject().put("number", c.number());
        JsonPut.ifSet(o, "ownerId", c.ownerId());
        JsonPut.ifSet(o, "plate", c.plate());
        return o.put("status", c.status());
    }

    private static JsonObject passage(PreviousPassage p) {
        JsonObject o = new JsonObject().put("eventId", p.eventId()).put("laneId", p.laneId()).put("type", p.type())
                .put("occurredAt", p.occurredAt().toString()).put("receivedAt", p.receivedAt().toString());
        JsonPut.ifSet(o, "plate", p.plate());
        JsonPut.ifSet(o, "plateAsRead", p.plateAsRead());
        JsonPut.ifSet(o, "colour", p.colour());
        JsonPut.ifSet(o, "confidence", p.confidence());
        JsonPut.ifSet(o, "card", p.card());
        JsonPut.ifSet(o, "code", p.code());
        JsonPut.ifSet(o, "reason", p.reason());
        JsonPut.ifSet(o, "feeFen", p.feeFen());
        JsonPut.ifSet(o, "paymentMethod", p.paymentMethod());
        JsonPut.ifSet(o, "remark", p.remark());
        JsonPut.ifSet(o, "snapshotRef", p.snapshotRef());
        JsonPut.ifSet(o, "relatedId", p.relatedId());
        return o;
    }
}
