package io.parkgate.config;

/** Which way a lane lets vehicles pass. */
public enum Direction { IN, OUT }
