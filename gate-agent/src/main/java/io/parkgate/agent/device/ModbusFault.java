package io.parkgate.agent.device;

/** What went wrong in a Modbus transaction; bounded, used as a metric tag. */
public enum ModbusFault { TIMEOUT, CRC, MALFORMED, SLAVE_EXCEPTION, DISCONNECTED }
