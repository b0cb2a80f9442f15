package io.parkgate.config;

/** SMART cameras report plates over serial ({@code $PLATE}); IMAGING ones deliver JPEG frames. */
public enum CameraKind { SMART, IMAGING }
