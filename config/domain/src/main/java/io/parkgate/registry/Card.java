package io.parkgate.registry;

/**
 * A parking card (EM4100, 10 upper-case hex digits) issued to an owner for one vehicle.
 *
 * @param plate the vehicle the card is bound to; a card presented with another plate is a mismatch
 */
public record Card(String number, String ownerId, String plate, Status status) {

    /** 办卡 → ACTIVE; 退卡 → RETURNED; reported lost → LOST. Only ACTIVE cards are valid. */
    public enum Status { ACTIVE, RETURNED, LOST }
}
