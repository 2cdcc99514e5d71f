package org.kedrec.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.commandline.chart.LineChart;

class LineChartTest {
    @TempDir
    Path dir;

    @Test
    void drawsSeriesAndReferenceLinesWhereTheAxesPutThem() throws Exception {
        Color red = new Color(0xd62728);
        Color blue = new Color(0x1f77b4);
        LineChart chart = new LineChart("t", LineChart.Axis.linear("x", 0, 10, 5, v -> "" + v),
                LineChart.Axis.linear("y", 0, 1, 10, v -> "" + v))
                .add("flat", new double[] {0, 10}, new double[] {0.5, 0.5},
                        LineChart.Style.LINE.withColor(red).withWidth(3f))
                .vertical(5, "five", blue, LineChart.Dash.SOLID)
                .legend(LineChart.Legend.UPPER_LEFT);
        Path png = dir.resolve("sub/chart.png");
        Rectangle plot = new Rectangle(100, 50, 400, 300);
        LineChart.write(png, 600, 420, List.of(new LineChart.Placed(chart, plot)), "a footnote");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(420);
        // y = 0.5 is half-way down the plot; x = 5 half-way across it.
        int midY = plot.y + plot.height / 2;
        int midX = plot.x + plot.width / 2;
        assertThat(new Color(image.getRGB(plot.x + plot.width - 40, midY))).isEqualTo(red);
        assertThat(new Color(image.getRGB(midX, plot.y + plot.height - 20))).isEqualTo(blue);
        // nothing drawn where no series, reference or legend goes
        assertThat(new Color(image.getRGB(plot.x + plot.width - 40, plot.y + plot.height - 20))).isEqualTo(Color.WHITE);
    }
}
