package org.kedrec.importer.dataset;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.rationale.EvidenceTeacher;

/**
 * Measures a full dataset build (every positive, its negative, all four variants, the evidence teacher), for
 * {@code kedrec bench dataset}: seconds, positives per second and candidate pairs per second. The target on the
 * demo graph is under two minutes on two cores.
 */
public final class DatasetBenchmark {
    /** The target for the full demo build. */
    public static final double TARGET_SECONDS = 120.0;

    /**
     * One measured build.
     *
     * @param positives positives built (each becomes one example per variant)
     * @param candidatePairs (candidate, disease) pairs explained: two per positive
     * @param examples examples written over all variants
     * @param seconds wall time of the build, card included
     * @param pairsPerSecond positives per second
     * @param candidatePairsPerSecond candidate pairs per second
     * @param dataHash the dataset's hash
     * @param leakagePassed whether the leakage check passed
     */
    public record Result(int positives, int candidatePairs, int examples, double seconds, double pairsPerSecond,
            double candidatePairsPerSecond, String dataHash, boolean leakagePassed) {

        public boolean withinTarget() {
            return seconds < TARGET_SECONDS;
        }

        /** The figures as an ordered map, for a JSON or Markdown report. */
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("positives", positives);
            out.put("candidatePairs", candidatePairs);
            out.put("examples", examples);
            out.put("seconds", seconds);
            out.put("pairsPerSecond", pairsPerSecond);
            out.put("candidatePairsPerSecond", candidatePairsPerSecond);
            out.put("targetSeconds", TARGET_SECONDS);
            out.put("withinTarget", withinTarget());
            out.put("dataHash", dataHash);
            out.put("leakageCheck", leakagePassed ? "passed" : "failed");
            return out;
        }
    }

    private DatasetBenchmark() {}

    /** Builds through {@code runner} into {@code config.out()} and measures it. */
    public static Result run(CypherRunner runner, DatasetBuildConfig config, ProgressTracker progress) {
        long start = System.nanoTime();
        DatasetResult result = new DatasetBuilder(runner, config, new EvidenceTeacher(), progress).build();
        double seconds = (System.nanoTime() - start) / 1e9;
        int positives = result.examplesPerVariant();
        int examples = positives * org.kedrec.core.dataset.Variant.values().length;
        return new Result(positives, result.candidatePairs(), examples, seconds,
                seconds > 0 ? positives / seconds : 0, seconds > 0 ? result.candidatePairs() / seconds : 0,
                result.dataHash(), result.leakagePassed());
    }
}
