package io.parkgate.wire;

/** The barrier arm as the limit switches report it. */
public enum BarrierState { OPEN, CLOSED, MOVING, UNKNOWN }
