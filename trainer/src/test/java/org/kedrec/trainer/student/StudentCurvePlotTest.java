package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentCurvePlotTest {
    private static Path report(Path dir, String name, int examples, double test, double zeroShot) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"training\": {\"trainExamples\": " + examples + "}, \"test\": {\"selectionAccuracy\": "
                + test + ", \"rankerAccuracy\": 0.931}, \"zeroShot\": {\"selectionAccuracy\": " + zeroShot
                + ", \"rankerAccuracy\": 0.688}}");
        return file;
    }

    @Test
    void drawsOnePointPerReportAndRefusesAnArgumentWithoutASeriesName(@TempDir Path dir) throws IOException {
        Path small = report(dir, "small.json", 121, 0.6, 0.5);
        Path full = report(dir, "full.json", 483, 0.9, 0.6);
        StudentCurvePlot.Point point = StudentCurvePlot.read("+ranker=" + full);
        assertThat(point.examples()).isEqualTo(483);
        assertThat(point.zeroShot()).isEqualTo(0.6);
        assertThat(point.rankerZeroShot()).isEqualTo(0.688);
        Path png = dir.resolve("out/curve.png");
        StudentCurvePlot.write(List.of(StudentCurvePlot.read("+ranker=" + small), point), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1140);
        assertThat(image.getHeight()).isEqualTo(560);
        assertThatThrownBy(() -> StudentCurvePlot.read(full.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`" + full + "` is not SERIES=REPORT.json");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"variants\": {}}");
        assertThatThrownBy(() -> StudentCurvePlot.read("x=" + other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no training.trainExamples, test or zeroShot");
    }
}
