package org.kedrec.core.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.text.NumberedLines;

/**
 * How much a path of each metapath says about a treatment, calibrated on known indications: for every metapath, the
 * log-odds with which pairs of the training split's TREATS edges have at least one path of it, against random
 * (drug, disease) pairs that are no known indication, with add-one smoothing:
 * {@code ln(((pos + 1) / (P + 2)) / ((neg + 1) / (N + 2)))}. A metapath that known indications have far more often
 * than random pairs (a drug binding a gene the disease is associated with) weighs more than one every pair has (a
 * shared side effect). Fitted by {@code kedrec eval explain --calibrate FILE} on the demo graph and shipped as
 * {@code metapath-weights.tsv} next to this class; a metapath missing from the table weighs 0.
 */
public final class MetapathWeights {
    /** The table shipped with core. */
    public static final String RESOURCE = "metapath-weights.tsv";

    private static volatile MetapathWeights shipped;

    private final Map<String, Double> weights;

    public MetapathWeights(Map<String, Double> weights) {
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The calibrated table shipped with core (empty when none is shipped: every weight 0). */
    public static MetapathWeights shipped() {
        MetapathWeights out = shipped;
        if (out == null) {
            try (InputStream in = MetapathWeights.class.getResourceAsStream(RESOURCE)) {
                out = in == null ? new MetapathWeights(Map.of()) : read(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the metapath weights " + RESOURCE, e);
            }
            shipped = out;
        }
        return out;
    }

    /**
     * Reads a table with a header and the columns {@code metapath, positives, negatives, weight} (tab-separated;
     * only the first and the last are used).
     */
    public static MetapathWeights read(InputStream in, String source) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.startsWith("metapath\t")) {
            throw new IllegalArgumentException(Messages.format(
                    "%s must start with the header `metapath<TAB>positives<TAB>negatives<TAB>weight`.", source));
        }
        NumberedLines.forEachNonBlank(reader, 1, (number, line) -> {
            if (line.startsWith("#")) {
                return;
            }
            String[] cols = line.split("\t", -1);
            try {
                out.put(cols[0], Double.parseDouble(cols[cols.length - 1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Messages.format(
                        "Line %d of %s has no number as its weight: `%s`.", number, source, line), e);
            }
        });
        return new MetapathWeights(out);
    }

    /** The smoothed log-odds weight of a metapath seen in {@code positives} of {@code p} and {@code negatives} of n. */
    public static double logOdds(int positives, int p, int negatives, int n) {
        return Math.log(((positives + 1.0) / (p + 2.0)) / ((negatives + 1.0) / (n + 2.0)));
    }

    /** The weight of a metapath abbreviation (0 when not calibrated). */
    public double weight(String metapath) {
        return weights.getOrDefault(metapath, 0.0);
    }

    public Map<String, Double> asMap() {
        return weights;
    }
}
