package org.kedrec.trainer.student;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.kedrec.core.Messages;

/**
 * Draws the student's selection accuracy against the number of training examples from {@code kedrec eval student}
 * reports, as a PNG with the JDK alone (headless AWT, no Python in the build): one line per series and split (test
 * pairs solid, held-out diseases dashed), the KG ranker's accuracy on the same pairs as thin horizontal lines, and
 * the 0.90 / 0.80 targets of issue 13.
 *
 * <p>{@code java -cp server/target/kedrec-cli.jar org.kedrec.trainer.student.StudentCurvePlot
 * SERIES=REPORT.json... OUT.png}: reports with the same series name form one line; x is the report's
 * {@code training.trainExamples} (the teacher examples before the training views), y its {@code test} and
 * {@code zeroShot} {@code selectionAccuracy}.
 */
public final class StudentCurvePlot {
    private static final int WIDTH = 1140;
    private static final int HEIGHT = 560;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private StudentCurvePlot() {}

    /** One point: a student trained on {@code examples} teacher examples, its accuracy on both splits. */
    record Point(String series, double examples, double test, double zeroShot, double rankerTest,
                 double rankerZeroShot) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: StudentCurvePlot SERIES=REPORT.json... OUT.png");
            System.exit(2);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            points.add(read(args[i]));
        }
        write(points, Path.of(args[args.length - 1]));
    }

    /** Reads {@code SERIES=REPORT.json}; the error names the argument and the form it must have. */
    static Point read(String argument) throws IOException {
        int eq = argument.indexOf('=');
        if (eq <= 0 || eq == argument.length() - 1) {
            throw new IllegalArgumentException(Messages.format(
                    "`%s` is not SERIES=REPORT.json: name the series, then the eval student report, e.g. "
                            + "\"+both +ranker=report.json\".", argument));
        }
        Path report = Path.of(argument.substring(eq + 1));
        JsonObject json = JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject training = json.has("training") && json.get("training").isJsonObject()
                ? json.getAsJsonObject("training") : new JsonObject();
        double examples = number(training, "trainExamples");
        if (Double.isNaN(examples) || !json.has("test") || !json.has("zeroShot")) {
            throw new IllegalArgumentException(Messages.format(
                    "%s has no training.trainExamples, test or zeroShot: it is not a report of `kedrec eval student` "
                            + "on a student trained by this version. Re-run eval student on it.", report));
        }
        JsonObject test = json.getAsJsonObject("test");
        JsonObject zero = json.getAsJsonObject("zeroShot");
        return new Point(argument.substring(0, eq), examples, number(test, "selectionAccuracy"),
                number(zero, "selectionAccuracy"), number(test, "rankerAccuracy"), number(zero, "rankerAccuracy"));
    }

    public static void write(List<Point> points, Path png) throws IOException {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (Point p : points) {
            series.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
        }
        series.values().forEach(list -> list.sort((a, b) -> Double.compare(a.examples(), b.examples())));
        double maxX = 0;
        double minY = 1;
        for (Point p : points) {
            maxX = Math.max(maxX, p.examples());
            for (double y : new double[] {p.test(), p.zeroShot(), p.rankerTest(), p.rankerZeroShot()}) {
                if (!Double.isNaN(y)) {
                    minY = Math.min(minY, y);
                }
            }
        }
        int left = 80;
        int top = 60;
        int width = 600;
        int height = 420;
        double x1 = Math.ceil(maxX * 1.1 / 500) * 500;
        double y0 = Math.min(0.5, Math.floor(minY * 10) / 10);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Axes axes = new Axes(left, top, width, height, x1, y0);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Student selection accuracy against teacher examples (issue 13)", left, top - 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double x = x1 * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(axes.px(x), top, axes.px(x), top + height);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Messages.format("%,.0f", x), axes.px(x) - 12, top + height + 16);
        }
        for (double y = y0; y <= 1.0001; y += 0.1) {
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, axes.py(y), left + width, axes.py(y));
            g.setColor(Color.DARK_GRAY);
            g.drawString(Messages.format("%.1f", y), left - 30, axes.py(y) + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, width, height);
        g.drawString("training examples (teacher answers, before the swapped and zero-shot views)", left + 90,
                top + height + 36);
        g.drawString("selection accuracy", left - 70, top - 8);
        target(g, axes, 0.90, "target, test pairs 0.90");
        target(g, axes, 0.80, "target, held-out diseases 0.80");
        int legend = 0;
        int s = 0;
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            Color color = COLORS[s++ % COLORS.length];
            List<Point> line = e.getValue();
            legend = curve(g, axes, line, color, false, e.getKey() + ", test pairs", legend);
            legend = curve(g, axes, line, color, true, e.getKey() + ", held-out diseases", legend);
        }
        // The ranker scores the same pairs whatever the student saw: one value per split, from the first report.
        Point first = points.get(0);
        legend = ranker(g, axes, first.rankerTest(), false, "KG ranker, test pairs", legend);
        ranker(g, axes, first.rankerZeroShot(), true, "KG ranker, held-out diseases", legend);
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new UncheckedIOException(new IOException("No PNG writer in this JDK."));
        }
    }

    private static void target(Graphics2D g, Axes axes, double y, String label) {
        g.setColor(new Color(0x999999));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        g.drawLine(axes.left, axes.py(y), axes.left + axes.width, axes.py(y));
        g.setStroke(new BasicStroke(1f));
        g.drawString(label, axes.left + 6, axes.py(y) - 3);
    }

    private static int curve(Graphics2D g, Axes axes, List<Point> line, Color color, boolean zeroShot, String label,
                             int legend) {
        g.setColor(color);
        BasicStroke stroke = zeroShot ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {7f, 5f}, 0f) : new BasicStroke(2f);
        int lastX = -1;
        int lastY = -1;
        for (Point p : line) {
            double y = zeroShot ? p.zeroShot() : p.test();
            if (Double.isNaN(y)) {
                continue;
            }
            int x = axes.px(p.examples());
            int yy = axes.py(y);
            g.setStroke(new BasicStroke(2f));
            if (zeroShot) {
                g.drawRect(x - 4, yy - 4, 8, 8);
            } else {
                g.fillOval(x - 4, yy - 4, 8, 8);
            }
            if (lastX >= 0) {
                g.setStroke(stroke);
                g.drawLine(lastX, lastY, x, yy);
            }
            g.drawString(Messages.format("%.3f", y), x + 6, yy + (zeroShot ? 14 : -6));
            lastX = x;
            lastY = yy;
        }
        return legendRow(g, axes, color, stroke, label, legend);
    }

    private static int ranker(Graphics2D g, Axes axes, double y, boolean zeroShot, String label, int legend) {
        if (Double.isNaN(y)) {
            return legend;
        }
        Color color = Color.GRAY;
        g.setColor(color);
        BasicStroke stroke = zeroShot ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {7f, 5f}, 0f) : new BasicStroke(1f);
        g.setStroke(stroke);
        g.drawLine(axes.left, axes.py(y), axes.left + axes.width, axes.py(y));
        g.drawString(Messages.format("%.3f", y), axes.left + axes.width + 4, axes.py(y) + 4);
        return legendRow(g, axes, color, stroke, label, legend);
    }

    private static int legendRow(Graphics2D g, Axes axes, Color color, java.awt.Stroke stroke, String label,
                                 int legend) {
        int x = axes.left + axes.width + 50;
        int y = axes.top + 10 + 18 * legend;
        g.setColor(color);
        g.setStroke(stroke);
        g.drawLine(x, y - 4, x + 28, y - 4);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawString(label, x + 34, y);
        return legend + 1;
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()
                ? Double.NaN : e.getAsDouble();
    }

    /** Linear axes from (0, y0) to (x1, 1). */
    private record Axes(int left, int top, int width, int height, double x1, double y0) {
        int px(double x) {
            return left + (int) Math.round(x / x1 * width);
        }

        int py(double y) {
            return top + height - (int) Math.round((y - y0) / (1 - y0) * height);
        }
    }
}
