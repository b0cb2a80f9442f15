package io.parkgate.registry;

/** A resident in the owner archive (业主档案). */
public record Owner(String id, String name, String unit, String phone) {
}
