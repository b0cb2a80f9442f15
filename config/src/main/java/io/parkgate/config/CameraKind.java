package io.parkgate.config;

/**
 * How a lane's plate camera reaches the agent. SMART cameras report plates over serial
 * ({@code $PLATE}); IMAGING ones deliver JPEG frames the agent reads itself. The vendor kinds push
 * their own recognitions over HTTP to the agent's {@code agents.framePort}: ZHENSHI (臻识/Vzenith IVS
 * {@code AlarmInfoPlate} JSON), HIKVISION (ISAPI ANPR multipart XML), DAHUA (ITC {@code TollgateInfo} JSON).
 */
public enum CameraKind {
    SMART, IMAGING, ZHENSHI, HIKVISION, DAHUA;

    /** Whether the camera pushes its recognitions to the agent over HTTP. */
    public boolean pushes() {
        return this == ZHENSHI || this == HIKVISION || this == DAHUA;
    }
}
