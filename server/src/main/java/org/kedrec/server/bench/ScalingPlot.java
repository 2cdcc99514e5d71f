package org.kedrec.server.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Rectangle;
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
 * Draws a {@code kedrec bench scale} report as a PNG with the JDK alone (headless AWT): left, the seconds of each
 * stage against the relationships on log-log axes, each series labelled with its growth exponent {@code b} of
 * {@code t ~ size^b} between the smallest and the largest scale (1 is linear); right, recommend latency p50 and p99
 * at one client with the calls per second at eight clients written beside each point.
 *
 * <p>{@code java -cp server/target/kedrec-cli.jar org.kedrec.server.bench.ScalingPlot REPORT.json... OUT.png}:
 * the rows of several {@code bench scale} reports are drawn together (one run per scale on a busy machine), and a
 * {@code bench import} report of an online import fills the online import of the scale whose relationship count it
 * has.
 */
public final class ScalingPlot {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 520;
    /** Full graphs the curves are extended to (dashed): Hetionet, DRKG, PrimeKG edges. */
    static final Map<String, Double> TARGETS = targets();
    /** The largest full graph, PrimeKG: the curves are extended to it. */
    private static final double FARTHEST = 8.0e6;

    private ScalingPlot() {}

    private static Map<String, Double> targets() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("Hetionet", 2.25e6);
        t.put("DRKG", 5.9e6);
        t.put("PrimeKG", 8.0e6);
        return t;
    }

    public static void main(String[] args) throws IOException {
        ChartArgs parsed = ChartArgs.parse(args, "ScalingPlot REPORT.json... OUT.png");
        write(parsed.inputs().stream().map(Path::of).toList(), parsed.png());
    }

    /** The scale rows of the reports, sorted by size, with online imports from bench import reports filled in. */
    static JsonObject merge(List<Path> reports) throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        List<JsonObject> imports = new ArrayList<>();
        String note = "";
        for (Path report : reports) {
            JsonObject json = JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (json.has("scales")) {
                json.getAsJsonArray("scales").forEach(e -> rows.add(e.getAsJsonObject()));
                if (note.isEmpty() && json.has("note") && !json.get("note").isJsonNull()) {
                    note = json.get("note").getAsString();
                }
            } else if (json.has("created") && json.has("bench")) {
                imports.add(json);
            }
        }
        for (JsonObject imported : imports) {
            long rels = imported.getAsJsonObject("created").get("relationships").getAsLong();
            for (JsonObject row : rows) {
                if (row.has("relationships") && row.get("relationships").getAsLong() == rels
                        && (!row.has("online") || row.get("online").isJsonNull())) {
                    JsonObject online = new JsonObject();
                    online.add("seconds", imported.get("seconds"));
                    row.add("online", online);
                    row.add("onlineImportRelsPerSecond", imported.get("relationshipsPerSecond"));
                }
            }
        }
        rows.sort((a, b) -> Double.compare(number(a, "relationships"), number(b, "relationships")));
        JsonObject out = new JsonObject();
        JsonArray scales = new JsonArray();
        rows.forEach(scales::add);
        out.add("scales", scales);
        out.addProperty("note", note);
        return out;
    }

    /** One series: x (relationships) and y values, NaN where the report has none. */
    record Series(String name, double[] x, double[] y) {
        /** The exponent b of y ~ x^b between the first and the last point with a value, or NaN. */
        double exponent() {
            int first = -1;
            int last = -1;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isNaN(y[i]) && y[i] > 0) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first < 0 || first == last || x[last] == x[first]) {
                return Double.NaN;
            }
            return Math.log(y[last] / y[first]) / Math.log(x[last] / x[first]);
        }
    }

    public static void write(List<Path> reports, Path png) throws IOException {
        JsonObject json = merge(reports);
        JsonArray scales = json.getAsJsonArray("scales");
        int n = scales.size();
        double[] rels = new double[n];
        Map<String, double[]> stages = new LinkedHashMap<>();
        for (String name : List.of("neo4j-admin import", "offline load, all phases", "server start",
                "online import", "dataset build", "ranker epoch")) {
            stages.put(name, new double[n]);
        }
        double[] p50 = new double[n];
        double[] p99 = new double[n];
        double[] calls8 = new double[n];
        for (int i = 0; i < n; i++) {
            JsonObject row = scales.get(i).getAsJsonObject();
            rels[i] = number(row, "relationships");
            JsonObject offline = row.has("offline") ? row.getAsJsonObject("offline") : new JsonObject();
            JsonObject online = row.has("online") && row.get("online").isJsonObject()
                    ? row.getAsJsonObject("online") : new JsonObject();
            stages.get("neo4j-admin import")[i] = number(offline, "adminImportSeconds");
            stages.get("offline load, all phases")[i] = number(offline, "totalSeconds");
            stages.get("server start")[i] = number(offline, "serverStartSeconds");
            stages.get("online import")[i] = number(online, "seconds");
            stages.get("dataset build")[i] = number(row, "datasetSeconds");
            stages.get("ranker epoch")[i] = number(row, "rankerEpochSeconds");
            p50[i] = number(row, "recommendP50Ms");
            p99[i] = number(row, "recommendP99Ms");
            calls8[i] = number(row, "calls8PerSecond");
        }
        List<Series> left = new ArrayList<>();
        stages.forEach((name, y) -> left.add(new Series(name, rels, y)));
        List<Series> right = List.of(new Series("recommend p50, 1 client", rels, p50),
                new Series("recommend p99, 1 client", rels, p99));
        LineChart latency = panel("kedrec.recommend (k=10, 3 paths); calls/s at 8 clients", "milliseconds (log)",
                rels, right);
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(calls8[i]) && !Double.isNaN(p99[i])) {
                latency.note(rels[i], p99[i], Messages.format("%.0f calls/s", calls8[i]));
            }
        }
        String note = json.has("note") && !json.get("note").isJsonNull() ? json.get("note").getAsString() : "";
        LineChart.write(png, WIDTH, HEIGHT, List.of(
                new LineChart.Placed(panel("Each stage against graph size (b: t ~ size^b)", "seconds (log)", rels,
                        left), new Rectangle(80, 50, 560, 380)),
                new LineChart.Placed(latency, new Rectangle(740, 50, 420, 380))),
                Messages.format("x: relationships in the graph (log); dashed: extended with the exponent b. %s",
                        note));
    }

    /**
     * One log-log chart of the series against the relationships, each extended (dashed) with its exponent to the
     * largest full graph, with the full graphs' sizes as vertical lines.
     */
    private static LineChart panel(String title, String yLabel, double[] rels, List<Series> series) {
        double minX = Double.MAX_VALUE;
        double maxX = 1;
        for (double x : rels) {
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
        }
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double y : s.y()) {
                if (!Double.isNaN(y) && y > 0) {
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxY == 0) {
            minY = 1;
            maxY = 10;
        }
        // room for the curves extended to the largest full graph
        double grow = Math.pow(FARTHEST / maxX, 1.2);
        int y0 = (int) Math.floor(Math.log10(minY));
        int y1 = (int) Math.ceil(Math.log10(maxY * grow));
        LineChart chart = new LineChart(title,
                LineChart.Axis.decades("", (int) Math.floor(Math.log10(minX / 1.5)),
                        (int) Math.ceil(Math.log10(Math.max(maxX, FARTHEST) * 1.1)),
                        x -> x >= 1e6 ? Messages.format("%.0fM", x / 1e6) : Messages.format("%.0fk", x / 1e3)),
                LineChart.Axis.decades(yLabel, y0, y1, y -> Messages.format(y >= 1 ? "%.0f" : "%.1f", y)))
                .legend(LineChart.Legend.UPPER_LEFT);
        TARGETS.forEach((name, size) -> chart.vertical(size, name, new Color(0xaaaaaa), LineChart.Dash.SOLID));
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            Color color = LineChart.PALETTE[s % LineChart.PALETTE.length];
            double b = line.exponent();
            chart.add(Double.isNaN(b) ? line.name() : Messages.format("%s (b=%.2f)", line.name(), b), line.x(),
                    line.y(), LineChart.Style.LINE.withColor(color).withWidth(2f).withMarker(LineChart.Marker.DOT));
            int last = line.y().length - 1;
            while (last >= 0 && (Double.isNaN(line.y()[last]) || line.y()[last] <= 0)) {
                last--;
            }
            double yFar = last < 0 ? Double.NaN : line.y()[last] * Math.pow(FARTHEST / line.x()[last], b);
            // The curve extended to the largest full graph: the estimate read off below the plot (not drawn when
            // it falls below the axis, as a falling latency curve does).
            if (!Double.isNaN(yFar) && yFar > Math.pow(10, y0) && yFar < Math.pow(10, y1 + 1)) {
                chart.add(null, new double[] {line.x()[last], FARTHEST}, new double[] {line.y()[last], yFar},
                        LineChart.Style.LINE.withColor(color).withWidth(1.5f).withDash(LineChart.Dash.DASHED));
            }
        }
        return chart;
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
