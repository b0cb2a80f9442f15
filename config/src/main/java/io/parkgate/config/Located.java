package io.parkgate.config;

/** A value read from the site file with where it was written, for checks across sections. */
record Located<T>(T value, String keyPath, int line) {
}
