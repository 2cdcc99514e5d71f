package org.kedrec.importer.dataset;

import java.nio.file.Path;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.lm.PromptShape;

/**
 * What {@link DatasetBuilder} builds and how.
 *
 * @param out the output directory
 * @param seed seeds every random choice (candidate order, which of the closest drugs is the negative)
 * @param pathsPerPair explanation paths per (candidate, disease) pair (k)
 * @param maxPerMetapath how many of the k paths may share a metapath before other metapaths get their turn
 * @param trialsPerPair trials kept per (candidate, disease) pair
 * @param publicationsPerPair publications kept per (candidate, disease) pair
 * @param dataDir the KEDRec data directory: the published split ({@code eval/hetionet_CtD_split.tsv}) and
 *     PharmacotherapyDB's non-indications ({@code pharmacotherapydb/indications.tsv})
 * @param splitsFile an existing {@code splits.tsv} to reuse instead of the published split, or null
 * @param diseases only build examples for these diseases (ids, xrefs or names); empty for all
 * @param pathways also follow the length-4 pathway metapath {@code CbGpPWpGaD} (slower)
 * @param threads parallel queries
 * @param batchSize pairs per query
 * @param negativePool the hard negative is drawn (seeded) from this many closest eligible drugs
 * @param negativesPerPositive hard negatives per positive: the drawn one, then the next closest eligible drugs;
 *     each makes one example, so a student sees every known indication against several hard alternatives
 */
public record DatasetBuildConfig(
        Path out,
        long seed,
        int pathsPerPair,
        int maxPerMetapath,
        int trialsPerPair,
        int publicationsPerPair,
        Path dataDir,
        Path splitsFile,
        List<String> diseases,
        boolean pathways,
        int threads,
        int batchSize,
        int negativePool,
        int negativesPerPositive) {

    public static final long DEFAULT_SEED = 42;

    public DatasetBuildConfig {
        diseases = diseases == null ? List.of() : List.copyOf(diseases);
        if (out == null) {
            throw new IllegalArgumentException("An output directory is required: pass --out DIR.");
        }
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new IllegalArgumentException(Messages.format(
                    "--out %s is a file, not a directory; pass a directory (it is created if missing).", out));
        }
        requireRange("paths-per-pair", pathsPerPair, 1, 20);
        requireRange("max-per-metapath", maxPerMetapath, 1, 20);
        requireRange("trials-per-pair", trialsPerPair, 0, 20);
        requireRange("publications-per-pair", publicationsPerPair, 0, 20);
        requireRange("threads", threads, 1, 64);
        requireRange("batch-size", batchSize, 1, 10_000);
        requireRange("negative-pool", negativePool, 1, 100);
        requireRange("negatives-per-positive", negativesPerPositive, 1, 20);
        if (dataDir == null && splitsFile == null) {
            throw new IllegalArgumentException(
                    "Either a data directory (--data DIR, or KEDREC_DATA) or a split file (--splits FILE) is needed "
                            + "to know which TREATS pairs are held out.");
        }
    }

    /** One hard negative per positive (the published dataset's shape). */
    public DatasetBuildConfig(Path out, long seed, int pathsPerPair, int maxPerMetapath, int trialsPerPair,
            int publicationsPerPair, Path dataDir, Path splitsFile, List<String> diseases, boolean pathways,
            int threads, int batchSize, int negativePool) {
        this(out, seed, pathsPerPair, maxPerMetapath, trialsPerPair, publicationsPerPair, dataDir, splitsFile,
                diseases, pathways, threads, batchSize, negativePool, 1);
    }

    /**
     * The defaults: seed 42, the prompt of {@link PromptShape#BUILDER_DEFAULT} (3 paths, one per metapath first, 3
     * trials, 3 publications, no pathway metapath), 2 threads, 100 pairs per query.
     */
    public static DatasetBuildConfig defaults(Path out, Path dataDir) {
        PromptShape shape = PromptShape.BUILDER_DEFAULT;
        return new DatasetBuildConfig(out, DEFAULT_SEED, shape.pathsPerDrug(), shape.maxPerMetapath(),
                shape.trialsPerDrug(), shape.publicationsPerDrug(), dataDir, null, List.of(), false, 2, 100, 3);
    }

    /**
     * The prompt these settings build, as the card records it and {@code kedrec.select} rebuilds it. Pharmacokinetic
     * paths always come last (not a setting: a rationale should not open with the enzyme that clears the drug).
     */
    public PromptShape promptShape() {
        return new PromptShape(pathsPerPair, maxPerMetapath, trialsPerPair, publicationsPerPair,
                pathways ? Metapaths.PATHWAY.length() : PromptShape.BUILDER_DEFAULT.maxPathLength(),
                PromptShape.BUILDER_DEFAULT.pharmacokineticLast());
    }

    public DatasetBuildConfig withSeed(long newSeed) {
        return new DatasetBuildConfig(out, newSeed, pathsPerPair, maxPerMetapath, trialsPerPair, publicationsPerPair,
                dataDir, splitsFile, diseases, pathways, threads, batchSize, negativePool,
                negativesPerPositive);
    }

    public DatasetBuildConfig withDiseases(List<String> newDiseases) {
        return new DatasetBuildConfig(out, seed, pathsPerPair, maxPerMetapath, trialsPerPair, publicationsPerPair,
                dataDir, splitsFile, newDiseases, pathways, threads, batchSize, negativePool,
                negativesPerPositive);
    }

    public DatasetBuildConfig withThreads(int newThreads, int newBatchSize) {
        return new DatasetBuildConfig(out, seed, pathsPerPair, maxPerMetapath, trialsPerPair, publicationsPerPair,
                dataDir, splitsFile, diseases, pathways, newThreads, newBatchSize, negativePool,
                negativesPerPositive);
    }

    private static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(Messages.format(
                    "--%s must be between %d and %d but was %d.", option, min, max, value));
        }
    }
}
