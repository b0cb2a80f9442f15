package io.parkgate.simulator.device;

/**
 * What a Modbus slave exposes, as {@link ModbusSlave} calls it after validating a request. Each
 * method returns a Modbus exception code (0 = success) so a device can refuse like a real one.
 * Implementations guard their state with their own monitor: the slave holds it across a multi-bit
 * read to get one consistent sample.
 */
public interface ProcessImage {

    int coilCount();

    int discreteInputCount();

    int holdingRegisterCount();

    boolean coil(int index);

    boolean discreteInput(int index);

    int holdingRegister(int index);

    /** @return 0, or a Modbus exception code */
    int writeCoil(int index, boolean on);

    /** @return 0, or a Modbus exception code (3 for a value the device does not accept) */
    int writeRegister(int index, int value);
}
