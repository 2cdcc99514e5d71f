package org.kedrec.trainer.student;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.commandline.chart.ChartArgs;
import org.kedrec.commandline.chart.LineChart;
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
    private static final Color TARGET = new Color(0x999999);

    private StudentCurvePlot() {}

    /** One point: a student trained on {@code examples} teacher examples, its accuracy on both splits. */
    record Point(String series, double examples, double test, double zeroShot, double rankerTest,
                 double rankerZeroShot) {}

    public static void main(String[] args) throws IOException {
        ChartArgs parsed = ChartArgs.parse(args, "StudentCurvePlot SERIES=REPORT.json... OUT.png");
        List<Point> points = new ArrayList<>();
        for (String input : parsed.inputs()) {
            points.add(read(input));
        }
        write(points, parsed.png());
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
        double x1 = Math.ceil(maxX * 1.1 / 500) * 500;
        double y0 = Math.min(0.5, Math.floor(minY * 10) / 10);
        LineChart chart = new LineChart("Student selection accuracy against teacher examples (issue 13)",
                LineChart.Axis.linear("training examples (teacher answers, before the swapped and zero-shot views)",
                        0, x1, 5, x -> Messages.format("%,.0f", x)),
                LineChart.Axis.linear("selection accuracy", y0, 1, (int) Math.round((1 - y0) * 10),
                        y -> Messages.format("%.1f", y)))
                .legend(LineChart.Legend.OUTSIDE_RIGHT)
                .horizontal(0.90, "target, test pairs 0.90", TARGET, LineChart.Dash.DOTTED)
                .horizontal(0.80, "target, held-out diseases 0.80", TARGET, LineChart.Dash.DOTTED);
        int s = 0;
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            LineChart.Style style = LineChart.Style.LINE.withColor(LineChart.PALETTE[s++ % LineChart.PALETTE.length])
                    .withWidth(2f).withValueLabels();
            List<Point> line = e.getValue();
            double[] x = line.stream().mapToDouble(Point::examples).toArray();
            chart.add(e.getKey() + ", test pairs", x, line.stream().mapToDouble(Point::test).toArray(),
                    style.withMarker(LineChart.Marker.DOT));
            chart.add(e.getKey() + ", held-out diseases", x, line.stream().mapToDouble(Point::zeroShot).toArray(),
                    style.withMarker(LineChart.Marker.SQUARE).withDash(LineChart.Dash.DASHED));
        }
        // The ranker scores the same pairs whatever the student saw: one value per split, from the first report.
        Point first = points.get(0);
        ranker(chart, x1, first.rankerTest(), LineChart.Dash.SOLID, "KG ranker, test pairs");
        ranker(chart, x1, first.rankerZeroShot(), LineChart.Dash.DASHED, "KG ranker, held-out diseases");
        chart.write(png, WIDTH, HEIGHT);
    }

    private static void ranker(LineChart chart, double x1, double y, LineChart.Dash dash, String label) {
        if (!Double.isNaN(y)) {
            chart.add(label, new double[] {0, x1}, new double[] {y, y},
                    LineChart.Style.LINE.withColor(Color.GRAY).withWidth(1f).withDash(dash));
            chart.note(x1 * 0.95, y, Messages.format("%.3f", y));
        }
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()
                ? Double.NaN : e.getAsDouble();
    }
}
