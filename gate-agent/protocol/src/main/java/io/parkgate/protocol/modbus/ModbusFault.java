package io.parkgate.protocol.modbus;

/** What went wrong in a Modbus transaction; bounded, used as a metric tag. */
public enum ModbusFault { TIMEOUT, CRC, MALFORMED, SLAVE_EXCEPTION, DISCONNECTED }
