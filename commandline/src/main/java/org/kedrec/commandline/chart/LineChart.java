package org.kedrec.commandline.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * The one line chart of the project's reports, drawn as PNG with Java2D alone (headless AWT: no plotting library,
 * no Python, no network): the ranker's ROC and Hit@k curves ({@code eval kge}), the scaling plot ({@code bench
 * scale}) and the student's learning curve ({@code eval student}). A chart has two axes (linear or log), series
 * (solid, dashed or dotted, with or without point markers and value labels), horizontal and vertical reference lines
 * and free text notes; {@link #write} puts one or more charts side by side in one image.
 */
public final class LineChart {
    /** The colours of the series, in order (matplotlib's, which readers know). */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf)};
    private static final Color GRID = new Color(0xe0e0e0);

    /** How an axis maps values to positions. */
    public enum Scale { LINEAR, LOG }

    /** How a line is stroked. */
    public enum Dash {
        SOLID(null), DASHED(new float[] {7f, 5f}), DOTTED(new float[] {2f, 3f});

        private final float[] pattern;

        Dash(float[] pattern) {
            this.pattern = pattern;
        }

        Stroke stroke(float width) {
            return pattern == null ? new BasicStroke(width)
                    : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, pattern, 0f);
        }
    }

    /** What marks each point of a series. */
    public enum Marker { NONE, DOT, SQUARE }

    /** Where the legend stands. */
    public enum Legend { LOWER_RIGHT, UPPER_LEFT, OUTSIDE_RIGHT }

    /**
     * An axis from {@code min} to {@code max}; {@code ticks} are the values that get a grid line and a label
     * written by {@code format}.
     */
    public record Axis(String label, double min, double max, Scale scale, double[] ticks,
            DoubleFunction<String> format) {
        /** A linear axis with {@code steps + 1} evenly spaced ticks. */
        public static Axis linear(String label, double min, double max, int steps, DoubleFunction<String> format) {
            double[] ticks = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                ticks[i] = min + (max - min) * i / steps;
            }
            return new Axis(label, min, max, Scale.LINEAR, ticks, format);
        }

        /** A log axis with the given ticks (those inside the range are drawn). */
        public static Axis log(String label, double min, double max, double[] ticks, DoubleFunction<String> format) {
            return new Axis(label, min, max, Scale.LOG, ticks, format);
        }

        /** A log axis with a tick at every power of ten from {@code 10^minExponent} to {@code 10^maxExponent}. */
        public static Axis decades(String label, int minExponent, int maxExponent, DoubleFunction<String> format) {
            double[] ticks = new double[maxExponent - minExponent + 1];
            for (int e = minExponent; e <= maxExponent; e++) {
                ticks[e - minExponent] = Math.pow(10, e);
            }
            return log(label, ticks[0], ticks[ticks.length - 1], ticks, format);
        }

        /** The value's position along the axis, 0 at min and 1 at max, clamped. */
        double fraction(double v) {
            double f = scale == Scale.LOG
                    ? (Math.log(Math.max(v, min)) - Math.log(min)) / (Math.log(max) - Math.log(min))
                    : (v - min) / (max - min);
            return Math.max(0, Math.min(1, f));
        }
    }

    /** How a series is drawn; {@code color} null takes the next colour of the palette. */
    public record Style(Color color, Dash dash, float width, Marker marker, boolean valueLabels) {
        public static final Style LINE = new Style(null, Dash.SOLID, 1.8f, Marker.NONE, false);

        public Style withColor(Color c) {
            return new Style(c, dash, width, marker, valueLabels);
        }

        public Style withDash(Dash d) {
            return new Style(color, d, width, marker, valueLabels);
        }

        public Style withWidth(float w) {
            return new Style(color, dash, w, marker, valueLabels);
        }

        public Style withMarker(Marker m) {
            return new Style(color, dash, width, m, valueLabels);
        }

        public Style withValueLabels() {
            return new Style(color, dash, width, marker, true);
        }
    }

    /**
     * One named series; points whose y is NaN (or not positive on a log axis) are skipped. A null name keeps the
     * series out of the legend (an extension of another series, say).
     */
    public record Series(String name, double[] x, double[] y, Style style) {}

    private record Reference(boolean horizontal, double value, String label, Color color, Dash dash) {}

    private record Note(double x, double y, String text) {}

    private final String title;
    private final Axis x;
    private final Axis y;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private Legend legend = Legend.LOWER_RIGHT;
    private boolean diagonal;

    public LineChart(String title, Axis x, Axis y) {
        this.title = title;
        this.x = x;
        this.y = y;
    }

    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    public LineChart add(String name, double[] xs, double[] ys, Style style) {
        return add(new Series(name, xs, ys, style));
    }

    /** A horizontal line across the chart at {@code value}, labelled at its left end (a target, a baseline). */
    public LineChart horizontal(double value, String label, Color color, Dash dash) {
        references.add(new Reference(true, value, label, color, dash));
        return this;
    }

    /** A vertical line at {@code value}, labelled at its foot (a graph size the curves are read at). */
    public LineChart vertical(double value, String label, Color color, Dash dash) {
        references.add(new Reference(false, value, label, color, dash));
        return this;
    }

    /** The chance line of a ROC plot, from the lower left to the upper right corner. */
    public LineChart diagonal() {
        this.diagonal = true;
        return this;
    }

    /** Text written just above the point (x, y). */
    public LineChart note(double atX, double atY, String text) {
        notes.add(new Note(atX, atY, text));
        return this;
    }

    public LineChart legend(Legend where) {
        this.legend = where;
        return this;
    }

    /** One chart drawn at {@code plot}, the rectangle of its axes (titles, ticks and legend go around it). */
    public record Placed(LineChart chart, Rectangle plot) {}

    /** This chart alone in a {@code width} x {@code height} PNG. */
    public void write(Path png, int width, int height) {
        int right = legend == Legend.OUTSIDE_RIGHT ? 440 : 20;
        write(png, width, height, List.of(new Placed(this, new Rectangle(80, 50, width - 80 - right,
                height - 50 - 60))), null);
    }

    /** Several charts in one {@code width} x {@code height} PNG, with an optional footnote along the bottom. */
    public static void write(Path png, int width, int height, List<Placed> charts, String footnote) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (Placed placed : charts) {
                placed.chart().draw(g, placed.plot());
            }
            if (footnote != null && !footnote.isEmpty()) {
                g.setColor(Color.GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(footnote, 20, height - 12);
            }
        } finally {
            g.dispose();
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("No PNG writer in this JDK.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the chart " + png, e);
        }
    }

    int px(Rectangle plot, double v) {
        return plot.x + (int) Math.round(plot.width * x.fraction(v));
    }

    int py(Rectangle plot, double v) {
        return plot.y + plot.height - (int) Math.round(plot.height * y.fraction(v));
    }

    private boolean drawable(double v, Axis axis) {
        return !Double.isNaN(v) && (axis.scale() == Scale.LINEAR || v > 0);
    }

    private void draw(Graphics2D g, Rectangle plot) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double t : y.ticks()) {
            int py = py(plot, t);
            g.setColor(GRID);
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.setColor(Color.DARK_GRAY);
            String label = y.format().apply(t);
            g.drawString(label, plot.x - 6 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        for (double t : x.ticks()) {
            if (t < x.min() || t > x.max()) {
                continue;
            }
            int px = px(plot, t);
            g.setColor(GRID);
            g.drawLine(px, plot.y, px, plot.y + plot.height);
            g.setColor(Color.DARK_GRAY);
            String label = x.format().apply(t);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, plot.y + plot.height + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(plot.x, plot.y, plot.width, plot.height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, plot.x, plot.y - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(x.label(), plot.x + plot.width / 2 - g.getFontMetrics().stringWidth(x.label()) / 2,
                plot.y + plot.height + 36);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(y.label(), -(plot.y + plot.height / 2 + g.getFontMetrics().stringWidth(y.label()) / 2),
                plot.x - 50);
        rotated.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int foot = 0;
        for (Reference r : references) {
            g.setColor(r.color());
            g.setStroke(r.dash().stroke(1f));
            if (r.horizontal()) {
                int py = py(plot, r.value());
                g.drawLine(plot.x, py, plot.x + plot.width, py);
                g.setStroke(new BasicStroke(1f));
                g.drawString(r.label(), plot.x + 6, py - 3);
            } else {
                int px = px(plot, r.value());
                g.drawLine(px, plot.y, px, plot.y + plot.height);
                g.setStroke(new BasicStroke(1f));
                g.drawString(r.label(), px - 20, plot.y + plot.height - 6 - 14 * foot++);
            }
        }
        if (diagonal) {
            g.setColor(Color.GRAY);
            g.setStroke(Dash.DASHED.stroke(1f));
            g.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y);
        }
        List<Color> colors = new ArrayList<>();
        int next = 0;
        for (Series s : series) {
            Color color = s.style().color() != null ? s.style().color() : PALETTE[next++ % PALETTE.length];
            colors.add(color);
            drawSeries(g, plot, s, color);
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.DARK_GRAY);
        for (Note n : notes) {
            if (drawable(n.x(), x) && drawable(n.y(), y)) {
                g.drawString(n.text(), px(plot, n.x()) - g.getFontMetrics().stringWidth(n.text()) / 2,
                        py(plot, n.y()) - 10);
            }
        }
        drawLegend(g, plot, colors);
    }

    private void drawSeries(Graphics2D g, Rectangle plot, Series s, Color color) {
        Style style = s.style();
        g.setColor(color);
        int lastX = -1;
        int lastY = -1;
        for (int i = 0; i < s.x().length; i++) {
            if (!drawable(s.x()[i], x) || !drawable(s.y()[i], y)) {
                continue;
            }
            int px = px(plot, s.x()[i]);
            int py = py(plot, s.y()[i]);
            if (lastX >= 0) {
                g.setStroke(style.dash().stroke(style.width()));
                g.drawLine(lastX, lastY, px, py);
            }
            g.setStroke(new BasicStroke(2f));
            if (style.marker() == Marker.DOT) {
                g.fillOval(px - 4, py - 4, 8, 8);
            } else if (style.marker() == Marker.SQUARE) {
                g.drawRect(px - 4, py - 4, 8, 8);
            }
            if (style.valueLabels()) {
                g.drawString(String.format(java.util.Locale.ROOT, "%.3f", s.y()[i]), px + 6,
                        py + (style.dash() == Dash.SOLID ? -6 : 14));
            }
            lastX = px;
            lastY = py;
        }
    }

    private void drawLegend(Graphics2D g, Rectangle plot, List<Color> colors) {
        List<Integer> shown = new ArrayList<>();
        int longest = 0;
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).name() != null) {
                shown.add(i);
                longest = Math.max(longest, g.getFontMetrics().stringWidth(series.get(i).name()));
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        int boxWidth = longest + 48;
        int boxHeight = 18 * shown.size() + 8;
        int left = switch (legend) {
            case LOWER_RIGHT -> plot.x + plot.width - boxWidth - 6;
            case UPPER_LEFT -> plot.x + 6;
            case OUTSIDE_RIGHT -> plot.x + plot.width + 20;
        };
        int top = switch (legend) {
            case LOWER_RIGHT -> plot.y + plot.height - boxHeight - 6;
            case UPPER_LEFT, OUTSIDE_RIGHT -> plot.y + 6;
        };
        // Drawn after the lines, on a white box, so that no line crosses a name.
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.WHITE);
        g.fillRect(left, top, boxWidth, boxHeight);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, top, boxWidth, boxHeight);
        int row = 0;
        for (int i : shown) {
            Series s = series.get(i);
            int ly = top + 18 + 18 * row++;
            g.setColor(colors.get(i));
            g.setStroke(s.style().dash().stroke(Math.max(2f, s.style().width())));
            g.drawLine(left + 6, ly - 4, left + 34, ly - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(s.name(), left + 40, ly);
        }
    }
}
