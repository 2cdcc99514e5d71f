package org.kedrec.trainer.ranking.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.kedrec.core.Messages;

/** Line charts as PNG with Java2D (headless; no plotting library, no network). */
final class Charts {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b)
    };
    private static final int W = 720;
    private static final int H = 540;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private Charts() {}

    /** One named series of (x, y) points. */
    record Series(String name, double[] x, double[] y) {}

    /**
     * Draws series on linear axes {@code [0, xMax] x [0, 1]}; {@code diagonal} adds the chance line of a ROC plot.
     */
    static void lines(Path file, String title, String xLabel, String yLabel, double xMin, double xMax,
            boolean logX, List<Series> series, boolean diagonal) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            int pw = W - LEFT - RIGHT;
            int ph = H - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            // grid and ticks
            for (int i = 0; i <= 10; i++) {
                int y = TOP + ph - ph * i / 10;
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(LEFT, y, LEFT + pw, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(Messages.format("%.1f", i / 10.0), LEFT - 30, y + 4);
            }
            double[] xTicks = logX ? logTicks(xMin, xMax) : linearTicks(xMin, xMax);
            for (double t : xTicks) {
                int x = LEFT + (int) Math.round(pw * scale(t, xMin, xMax, logX));
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(x, TOP, x, TOP + ph);
                g.setColor(Color.DARK_GRAY);
                String label = t == Math.rint(t) ? Long.toString((long) t) : Messages.format("%.1f", t);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + ph + 16);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(xLabel, LEFT + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, H - 18);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + ph / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 20);
            rotated.dispose();
            if (diagonal) {
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f},
                        0f));
                g.drawLine(LEFT, TOP + ph, LEFT + pw, TOP);
            }
            // the legend sits in the lower right on a white box, drawn after the lines so they cannot cross it
            java.util.List<Runnable> legend = new java.util.ArrayList<>();
            int boxTop = TOP + ph - 20 - 18 * (series.size() - 1) - 16;
            legend.add(() -> {
                g.setColor(Color.WHITE);
                g.fillRect(LEFT + pw - 236, boxTop, 230, 18 * series.size() + 8);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(LEFT + pw - 236, boxTop, 230, 18 * series.size() + 8);
            });
            for (int s = 0; s < series.size(); s++) {
                Series line = series.get(s);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.setStroke(new BasicStroke(s == 0 ? 2.5f : 1.6f));
                int px = -1;
                int py = -1;
                for (int i = 0; i < line.x().length; i++) {
                    int x = LEFT + (int) Math.round(pw * scale(line.x()[i], xMin, xMax, logX));
                    int y = TOP + ph - (int) Math.round(ph * Math.max(0, Math.min(1, line.y()[i])));
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    }
                    px = x;
                    py = y;
                }
                int ly = TOP + ph - 20 - 18 * (series.size() - 1 - s);
                Color color = PALETTE[s % PALETTE.length];
                legend.add(() -> {
                    g.setColor(color);
                    g.fillRect(LEFT + pw - 230, ly - 9, 18, 4);
                    g.setColor(Color.BLACK);
                    g.drawString(line.name(), LEFT + pw - 205, ly - 3);
                });
            }
            g.setStroke(new BasicStroke(1f));
            legend.forEach(Runnable::run);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static double scale(double v, double min, double max, boolean log) {
        double s = log ? (Math.log(Math.max(v, min)) - Math.log(min)) / (Math.log(max) - Math.log(min))
                : (v - min) / (max - min);
        return Math.max(0, Math.min(1, s));
    }

    private static double[] linearTicks(double min, double max) {
        double[] t = new double[11];
        for (int i = 0; i <= 10; i++) {
            t[i] = min + (max - min) * i / 10;
        }
        return t;
    }

    private static double[] logTicks(double min, double max) {
        return java.util.stream.DoubleStream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
                .filter(v -> v >= min && v <= max)
                .toArray();
    }

    static List<Series> fromMap(Map<String, double[][]> data) {
        return data.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
