package org.kedrec.trainer.ranking.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.Roc;

/** The report's three charts: ROC vs non-indications, ROC vs random non-edges, Hit@k. */
final class ReportCharts {
    private ReportCharts() {}

    @SuppressWarnings("unchecked")
    static void draw(Map<String, Object> curves, Path roc, Path rocRandom, Path hits) {
        List<Charts.Series> rocSeries = new ArrayList<>();
        List<Charts.Series> rocRandomSeries = new ArrayList<>();
        List<Charts.Series> hitSeries = new ArrayList<>();
        for (Map.Entry<String, Object> e : curves.entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            if (c.containsKey("rocNonIndications")) {
                rocSeries.add(series(Messages.format("%s (AUROC %.3f)", e.getKey(), c.get("aurocNonIndications")),
                        (List<Roc.Point>) c.get("rocNonIndications")));
            }
            rocRandomSeries.add(series(Messages.format("%s (AUROC %.3f)", e.getKey(), c.get("aurocRandom")),
                    (List<Roc.Point>) c.get("rocRandom")));
            double[] h = (double[]) c.get("hitAtK");
            double[] k = new double[h.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = i + 1;
            }
            hitSeries.add(new Charts.Series(Messages.format("%s (Hit@10 %.2f)", e.getKey(), h[9]), k, h));
        }
        Charts.lines(roc, "Held-out TREATS pairs vs physician-labelled non-indications", "false-positive rate",
                "true-positive rate", 0, 1, false, rocSeries, true);
        Charts.lines(rocRandom, "Held-out TREATS pairs vs random non-edges", "false-positive rate",
                "true-positive rate", 0, 1, false, rocRandomSeries, true);
        Charts.lines(hits, "Hit@k of the held-out TREATS pairs (filtered, all compounds ranked)", "k (log scale)",
                "fraction ranked within the first k", 1, 2000, true, hitSeries, false);
    }

    private static Charts.Series series(String name, List<Roc.Point> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).fpr();
            y[i] = points.get(i).tpr();
        }
        return new Charts.Series(name, x, y);
    }
}
