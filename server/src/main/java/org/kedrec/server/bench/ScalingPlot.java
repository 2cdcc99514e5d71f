package org.kedrec.server.bench;

import com.google.gson.JsonArray;
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
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf)};

    private ScalingPlot() {}

    private static Map<String, Double> targets() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("Hetionet", 2.25e6);
        t.put("DRKG", 5.9e6);
        t.put("PrimeKG", 8.0e6);
        return t;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: ScalingPlot REPORT.json... OUT.png");
            System.exit(2);
        }
        List<Path> reports = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            reports.add(Path.of(args[i]));
        }
        write(reports, Path.of(args[args.length - 1]));
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

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Panel a = new Panel(g, 80, 50, 560, 380, rels, left, true, "seconds (log)");
        a.draw("Each stage against graph size (b: t ~ size^b)");
        List<Series> right = List.of(new Series("recommend p50, 1 client", rels, p50),
                new Series("recommend p99, 1 client", rels, p99));
        Panel b = new Panel(g, 740, 50, 420, 380, rels, right, true, "milliseconds (log)");
        b.draw("kedrec.recommend (k=10, 3 paths); calls/s at 8 clients");
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(calls8[i]) && !Double.isNaN(p99[i])) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(Messages.format("%.0f calls/s", calls8[i]), b.px(rels[i]) - 30, b.py(p99[i]) - 10);
            }
        }
        g.setColor(Color.GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        String note = json.has("note") && !json.get("note").isJsonNull() ? json.get("note").getAsString() : "";
        g.drawString(Messages.format("x: relationships in the graph (log); dashed: extended with the exponent b. %s",
                note), 20, HEIGHT - 12);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new UncheckedIOException(new IOException("No PNG writer in this JDK."));
        }
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    /** One chart: log x, log or linear y, with axes, ticks, series and a legend. */
    private static final class Panel {
        private final Graphics2D g;
        private final int left;
        private final int top;
        private final int width;
        private final int height;
        private final List<Series> series;
        private final boolean logY;
        private final String yLabel;
        private final double x0;
        private final double x1;
        private final double y0;
        private final double y1;

        Panel(Graphics2D g, int left, int top, int width, int height, double[] xs, List<Series> series, boolean logY,
                String yLabel) {
            this.g = g;
            this.left = left;
            this.top = top;
            this.width = width;
            this.height = height;
            this.series = series;
            this.logY = logY;
            this.yLabel = yLabel;
            double minX = Double.MAX_VALUE;
            double maxX = 0;
            for (double x : xs) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
            }
            maxX = Math.max(maxX, 8.0e6);
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
            x0 = Math.floor(Math.log10(minX / 1.5));
            x1 = Math.ceil(Math.log10(maxX * 1.1));
            if (logY) {
                // room for the curves extended to 8M relationships
                double grow = Math.pow(8.0e6 / maxX0(xs), 1.2);
                y0 = Math.floor(Math.log10(minY));
                y1 = Math.ceil(Math.log10(maxY * grow));
            } else {
                y0 = 0;
                y1 = niceCeiling(maxY * 1.15);
            }
        }

        private static double maxX0(double[] xs) {
            double m = 1;
            for (double x : xs) {
                m = Math.max(m, x);
            }
            return m;
        }

        int px(double x) {
            return left + (int) Math.round((Math.log10(x) - x0) / (x1 - x0) * width);
        }

        int py(double y) {
            double v = logY ? Math.log10(y) : y;
            return top + height - (int) Math.round((v - y0) / (y1 - y0) * height);
        }

        void draw(String title) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.setColor(Color.BLACK);
            g.drawString(title, left, top - 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(new Color(0xdddddd));
            for (int e = (int) x0; e <= (int) x1; e++) {
                int x = px(Math.pow(10, e));
                g.drawLine(x, top, x, top + height);
                g.setColor(Color.DARK_GRAY);
                g.drawString(e >= 6 ? Messages.format("%.0fM", Math.pow(10, e - 6)) : Messages.format("%.0fk",
                        Math.pow(10, e - 3)), x - 10, top + height + 16);
                g.setColor(new Color(0xdddddd));
            }
            if (logY) {
                for (int e = (int) y0; e <= (int) y1; e++) {
                    int y = py(Math.pow(10, e));
                    g.drawLine(left, y, left + width, y);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(Messages.format(e >= 0 ? "%.0f" : "%.1f", Math.pow(10, e)), left - 40, y + 4);
                    g.setColor(new Color(0xdddddd));
                }
            } else {
                for (int i = 0; i <= 5; i++) {
                    double v = y1 * i / 5;
                    int y = py(v);
                    g.drawLine(left, y, left + width, y);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(Messages.format("%.0f", v), left - 40, y + 4);
                    g.setColor(new Color(0xdddddd));
                }
            }
            int row = 0;
            for (Map.Entry<String, Double> target : TARGETS.entrySet()) {
                int x = px(target.getValue());
                g.setColor(new Color(0xaaaaaa));
                g.drawLine(x, top, x, top + height);
                g.drawString(target.getKey(), x - 20, top + height - 6 - 14 * row++);
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, width, height);
            g.drawString(yLabel, left - 70, top - 4);
            int legend = 0;
            for (int s = 0; s < series.size(); s++) {
                Series line = series.get(s);
                Color color = COLORS[s % COLORS.length];
                g.setColor(color);
                g.setStroke(new BasicStroke(2f));
                int lastX = -1;
                int lastY = -1;
                for (int i = 0; i < line.x().length; i++) {
                    double y = line.y()[i];
                    if (Double.isNaN(y) || y <= 0) {
                        continue;
                    }
                    int x = px(line.x()[i]);
                    int yy = py(y);
                    g.fillOval(x - 4, yy - 4, 8, 8);
                    if (lastX >= 0) {
                        g.drawLine(lastX, lastY, x, yy);
                    }
                    lastX = x;
                    lastY = yy;
                }
                double b = line.exponent();
                if (logY && !Double.isNaN(b) && lastX >= 0) {
                    // The curve extended to the largest full graph: the estimate read off below the plot.
                    int lastIndex = line.x().length - 1;
                    while (Double.isNaN(line.y()[lastIndex]) || line.y()[lastIndex] <= 0) {
                        lastIndex--;
                    }
                    double far = 8.0e6;
                    double yFar = line.y()[lastIndex] * Math.pow(far / line.x()[lastIndex], b);
                    if (yFar > Math.pow(10, y0) && yFar < Math.pow(10, y1 + 1)) {
                        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                new float[] {6f, 5f}, 0f));
                        g.drawLine(lastX, lastY, px(far), py(Math.min(yFar, Math.pow(10, y1))));
                    }
                }
                g.setStroke(new BasicStroke(1f));
                String label = logY && !Double.isNaN(b) ? Messages.format("%s (b=%.2f)", line.name(), b) : line.name();
                int ly = top + 14 + 16 * legend++;
                g.fillRect(left + 8, ly - 8, 12, 8);
                g.setColor(Color.BLACK);
                g.drawString(label, left + 26, ly);
            }
        }

        private static double niceCeiling(double v) {
            double p = Math.pow(10, Math.floor(Math.log10(v)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            return 10 * p;
        }
    }
}
