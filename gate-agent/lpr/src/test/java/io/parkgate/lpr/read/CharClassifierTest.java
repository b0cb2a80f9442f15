package io.parkgate.lpr.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.lpr.OpenCvNative;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class CharClassifierTest {

    /** Verifies that the Java forward pass gives OpenCV's own ANN_MLP outputs for the shipped model. */
    @Test
    void javaForwardPassMatchesOpenCv() {
        OpenCvNative.load();
        CharClassifier c = CharClassifier.loadResource();
        for (int k = 0; k < 5; k++) {
            Mat cell = new Mat(40, 20, CvType.CV_8UC1);
            Core.randu(cell, 0, 256);
            float[] ours = c.scores(cell);
            float[] theirs = c.scoresByOpenCv(cell);
            assertEquals(PlateAlphabet.size(), ours.length);
            for (int i = 0; i < ours.length; i++) {
                assertEquals(theirs[i], ours[i], 1e-3, "output " + i);
            }
        }
    }
}
