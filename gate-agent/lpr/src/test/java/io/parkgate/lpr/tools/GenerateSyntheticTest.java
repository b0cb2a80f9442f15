package io.parkgate.lpr.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.synth.SyntheticPlateRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateSyntheticTest {

    /** Verifies that every twentieth frame is a white WJ plate and the others are the renderer's usual frames for the seed. */
    @Test
    void armedPoliceFramesLeaveTheOthersAsTheyWere(@TempDir Path dir) throws Exception {
        GenerateSynthetic.generate(dir, 21, 7);
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8);
        assertEquals(22, rows.size());
        SyntheticPlateRenderer usual = new SyntheticPlateRenderer(7);
        for (int i = 0; i < 21; i++) {
            String[] row = rows.get(i + 1).split("\t");
            if (i == 19) {
                assertTrue(PlateAlphabet.isArmedPolice(row[1]), row[1]);
                assertEquals("WHITE", row[2]);
            } else {
                assertTrue(!PlateAlphabet.isArmedPolice(row[1]), row[1]);
                assertArrayEquals(usual.randomFrame().jpeg(), Files.readAllBytes(dir.resolve(row[0])), row[0]);
            }
        }
    }
}
