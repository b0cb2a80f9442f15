package io.parkgate.protocol.vendor;

import io.parkgate.plate.PlateColour;
import java.time.Instant;
import java.util.Objects;

/**
 * What one vendor camera push says, once its body has been read by a codec ({@link ZhenshiCodec},
 * {@link HikvisionCodec}, {@link DahuaCodec}). Codecs are pure: bytes in, this out, or a
 * {@link PushRefusedException} naming what is wrong. Deciding what it means for the lane is
 * {@link PushedCamera}'s job.
 */
public sealed interface CameraPush {

    /** What made the camera report a vehicle: only {@link #ARRIVAL} may be decided as one. */
    enum Trigger {
        /** A vehicle recognised in front of the barrier (automatic, IO, virtual loop, SDK trigger). */
        ARRIVAL,
        /** A vehicle standing in view too long (Zhenshi 64): not a new arrival. */
        LINGERING,
        /** The lingering vehicle left (Zhenshi 65). */
        LINGERING_CLEARED,
        /** A vehicle backing away from the barrier (Zhenshi 66, Hikvision direction reverse). */
        REVERSING
    }

    /**
     * A recognition.
     *
     * @param eventId     the camera's id of the record (Zhenshi {@code plateid}, Hikvision {@code UUID}), or a
     *                    key made of plate and capture time: duplicates are dropped on it
     * @param plate       the plate as read, or null when the camera saw a vehicle without a readable plate
     * @param confidence  0..100
     * @param capturedAt  the camera's own time of the capture, or null when it sent none
     * @param offline     a record the camera stored while the agent was unreachable and now re-pushes
     * @param sceneJpeg   the scene picture, or null when none (or none readable) came with the push
     * @param plateJpeg   the plate close-up, or null
     * @param unknownFields names of fields the codec does not know (firmware newer than this page), for the log
     */
    record Recognition(String eventId, String plate, PlateColour colour, int confidence, Instant capturedAt,
                       Trigger trigger, boolean offline, byte[] sceneJpeg, byte[] plateJpeg,
                       java.util.List<String> unknownFields) implements CameraPush {

        public Recognition {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(colour, "colour");
            Objects.requireNonNull(trigger, "trigger");
            unknownFields = unknownFields == null ? java.util.List.of() : java.util.List.copyOf(unknownFields);
        }

        public boolean plateless() {
            return plate == null;
        }

        @Override
        public String toString() {
            return "Recognition[" + eventId + " " + (plate == null ? "(no plate)" : plate) + " " + colour + " "
                    + confidence + " " + trigger + (offline ? " offline" : "") + " at " + capturedAt + ", scene "
                    + (sceneJpeg == null ? "none" : sceneJpeg.length + " B") + "]";
        }
    }

    /** The camera says it is alive (Zhenshi heartbeat form, Dahua KeepAlive, Hikvision non-ANPR alert). */
    record Heartbeat(String device) implements CameraPush {
    }

    /** A push that is read and acknowledged but is not a plate (IO input change, serial data). */
    record Other(String what) implements CameraPush {
    }
}
