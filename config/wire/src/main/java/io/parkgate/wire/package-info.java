/**
 * The MQTT contract between gate agents and central (docs/mqtt.md): topic names, message records
 * and their JSON codecs. Both sides use these classes, so a field is added in exactly one place.
 * Decoders never trust their input: anything malformed is a {@link io.parkgate.wire.WireFormatException}
 * naming the message, the field and what was expected.
 */
package io.parkgate.wire;
