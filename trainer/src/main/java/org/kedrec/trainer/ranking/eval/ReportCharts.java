package org.kedrec.trainer.ranking.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kedrec.commandline.chart.LineChart;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.Roc;

/** The report's three charts: ROC vs non-indications, ROC vs random non-edges, Hit@k. */
final class ReportCharts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 540;

    private ReportCharts() {}

    @SuppressWarnings("unchecked")
    static void draw(Map<String, Object> curves, Path roc, Path rocRandom, Path hits) {
        LineChart.Axis fpr = LineChart.Axis.linear("false-positive rate", 0, 1, 10, ReportCharts::tenths);
        LineChart.Axis tpr = LineChart.Axis.linear("true-positive rate", 0, 1, 10, ReportCharts::tenths);
        LineChart rocChart = new LineChart("Held-out TREATS pairs vs physician-labelled non-indications", fpr, tpr)
                .diagonal();
        LineChart rocRandomChart = new LineChart("Held-out TREATS pairs vs random non-edges", fpr, tpr).diagonal();
        LineChart hitChart = new LineChart("Hit@k of the held-out TREATS pairs (filtered, all compounds ranked)",
                LineChart.Axis.log("k (log scale)", 1, 2000,
                        new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000}, k -> Long.toString((long) k)),
                LineChart.Axis.linear("fraction ranked within the first k", 0, 1, 10, ReportCharts::tenths));
        int index = 0;
        for (Map.Entry<String, Object> e : curves.entrySet()) {
            // The first model (the one evaluated) drawn heavier than the baselines beside it.
            LineChart.Style style = LineChart.Style.LINE.withWidth(index++ == 0 ? 2.5f : 1.6f);
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            if (c.containsKey("rocNonIndications")) {
                add(rocChart, Messages.format("%s (AUROC %.3f)", e.getKey(), c.get("aurocNonIndications")),
                        (List<Roc.Point>) c.get("rocNonIndications"), style);
            }
            add(rocRandomChart, Messages.format("%s (AUROC %.3f)", e.getKey(), c.get("aurocRandom")),
                    (List<Roc.Point>) c.get("rocRandom"), style);
            double[] h = (double[]) c.get("hitAtK");
            double[] k = new double[h.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = i + 1;
            }
            hitChart.add(Messages.format("%s (Hit@10 %.2f)", e.getKey(), h[9]), k, h, style);
        }
        rocChart.write(roc, WIDTH, HEIGHT);
        rocRandomChart.write(rocRandom, WIDTH, HEIGHT);
        hitChart.write(hits, WIDTH, HEIGHT);
    }

    private static String tenths(double v) {
        return Messages.format("%.1f", v);
    }

    private static void add(LineChart chart, String name, List<Roc.Point> points, LineChart.Style style) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).fpr();
            y[i] = points.get(i).tpr();
        }
        chart.add(name, x, y, style);
    }
}
