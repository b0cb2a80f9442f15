package io.parkgate.protocol.modbus;


/** A Modbus transaction that did not succeed. Never treated as success (docs/protocols.md §1). */
public final class ModbusException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ModbusFault kind;
    private final int exceptionCode;

    public ModbusException(ModbusFault kind, String message) {
        this(kind, message, -1);
    }

    private ModbusException(ModbusFault kind, String message, int exceptionCode) {
        super(message, null, false, false);
        this.kind = kind;
        this.exceptionCode = exceptionCode;
    }

    static ModbusException slaveException(int function, int code) {
        return new ModbusException(ModbusFault.SLAVE_EXCEPTION,
                "slave exception " + code + " (" + describe(code) + ") for function " + function, code);
    }

    public ModbusFault kind() {
        return kind;
    }

    /** The slave's exception code, or -1 when this is not a slave exception. */
    public int exceptionCode() {
        return exceptionCode;
    }

    static String describe(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "slave device failure";
            case 5 -> "acknowledge";
            case 6 -> "slave device busy";
            default -> "code " + code;
        };
    }
}
