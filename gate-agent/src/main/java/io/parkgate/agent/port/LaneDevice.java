package io.parkgate.agent.port;

/** The devices of a lane, as named in logs, metrics and the console. */
public enum LaneDevice { IO_CONTROLLER, CARD_READER, CAMERA, DISPLAY }
