package org.kedrec.importer.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a build wrote, as reported in the dataset card ({@code card.json}).
 *
 * @param out the output directory
 * @param positives TREATS pairs of the graph per split (train, validation, test, zeroshot)
 * @param positivesInScope the positives the build was asked for (all, or those of the {@code --disease} filter)
 * @param examples examples per split in each variant (every variant holds the same examples)
 * @param missing positives without an example, as {@code drug|disease: reason}
 * @param negativeMethods how many negatives each method chose
 * @param candidatePairs (candidate, disease) pairs explained
 * @param evidence counts about the evidence (pairs with paths, trials, publications, positives without any)
 * @param teachers examples per teacher name, over all variants
 * @param teacherRejections answers of an external teacher that failed validation, by reason
 * @param leakageFailures the leakage check's findings; empty when it passed
 * @param zeroShotDiseases the zero-shot diseases
 * @param dataHash {@code sha256:…} over {@code splits.tsv} and every JSONL file, in a fixed order
 * @param seconds wall time of the build
 */
public record DatasetResult(
        Path out,
        Map<String, Integer> positives,
        Map<String, Integer> positivesInScope,
        Map<String, Integer> examples,
        List<String> missing,
        Map<String, Integer> negativeMethods,
        int candidatePairs,
        Map<String, Integer> evidence,
        Map<String, Integer> teachers,
        Map<String, Integer> teacherRejections,
        List<String> leakageFailures,
        List<String> zeroShotDiseases,
        String dataHash,
        double seconds) {

    /** Positives in scope per second of build time. */
    public double pairsPerSecond() {
        int total = positivesInScope.values().stream().mapToInt(Integer::intValue).sum();
        return seconds > 0 ? total / seconds : 0;
    }

    /** Examples per split, summed. */
    public int examplesPerVariant() {
        return examples.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean leakagePassed() {
        return leakageFailures.isEmpty();
    }
}
