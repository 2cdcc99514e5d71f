package org.kedrec.importer.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.DatasetCardFile;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;
import org.kedrec.core.dataset.LeakageCheck;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.EvidenceFinder;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PairRequest;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.rationale.Teacher;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.core.text.DidYouMean;

/**
 * Builds the expRxRec instruction dataset from a KEDRec graph (the paper's first two stages, done by Cypher):
 *
 * <ol>
 *   <li>every (drug, disease) TREATS relationship is a positive; its split comes from {@link SplitPlan} and is
 *       written to {@code splits.tsv} for the trainer;
 *   <li>each positive gets a hard negative ({@link HardNegativeSampler});
 *   <li>both candidates get their top explanation paths ({@link PathFinder}; held-out TREATS edges and the
 *       positive's own edge excluded; paths through a protein the drug binds only as an enzyme, transporter or carrier
 *       after the others), trials and publications ({@link EvidenceFinder});
 *   <li>each positive becomes one example per variant (vanilla, trials, publications, both), candidates in seeded
 *       random order, answered by the teacher;
 *   <li>the {@link LeakageCheck} vets every example; if it finds anything the JSONL files are not written and the
 *       build fails, with the findings in the card;
 *   <li>{@code <out>/<variant>/{train,validation,test,zeroshot}.jsonl}, {@code splits.tsv} and the card
 *       ({@code README.md}, {@code card.json}) are written, each file through a temporary file and a rename.
 * </ol>
 *
 * All queries go through a {@link CypherRunner}, so the builder runs over Bolt against any Neo4j and its
 * explanations are the ones the plugin computes at query time.
 */
public final class DatasetBuilder {
    /** Split files in this order, in every variant folder. */
    public static final List<PairSplit> SPLITS =
            List.of(PairSplit.TRAIN, PairSplit.VALIDATION, PairSplit.TEST, PairSplit.ZEROSHOT);

    static final String NODE_COUNT = "MATCH (n) RETURN count(n) AS nodes";
    static final String TREATS_PAIRS = """
            MATCH (c:Drug)-[:TREATS]->(d:Disease)
            RETURN DISTINCT c.id AS drug, c.name AS drugName, d.id AS disease, d.name AS diseaseName
            ORDER BY disease, drug""";
    static final String DISEASES = "MATCH (d:Disease) RETURN d.id AS id, d.name AS name, d.xrefs AS xrefs ORDER BY id";

    private final CypherRunner runner;
    private final DatasetBuildConfig config;
    private final Teacher teacher;
    private final ProgressTracker progress;
    private boolean excludeHeldOutEdges = true;

    public DatasetBuilder(CypherRunner runner, DatasetBuildConfig config, Teacher teacher, ProgressTracker progress) {
        this.runner = runner;
        this.config = config;
        this.teacher = teacher;
        this.progress = progress == null ? ProgressTracker.NULL : progress;
    }

    /**
     * Switches off the exclusion of held-out TREATS edges from paths (the example's own edge stays excluded), so
     * that a test can plant a leak and see the leakage check fail the build. Never used by the command line.
     */
    DatasetBuilder withoutHeldOutExclusion() {
        this.excludeHeldOutEdges = false;
        return this;
    }

    public DatasetResult build() {
        long start = System.nanoTime();
        List<Positive> all = loadPositives();
        Set<String> scopeDiseases = resolveDiseases(all);
        List<Positive> scope = all.stream()
                .filter(p -> scopeDiseases == null || scopeDiseases.contains(p.disease())).toList();
        Set<String> heldOut = new TreeSet<>();
        all.stream().filter(p -> p.split().heldOut()).forEach(p -> heldOut.add(p.key()));
        Map<String, List<String>> nonIndications = NonIndications.read(config.dataDir());
        Map<String, List<String>> indicated = new HashMap<>();
        for (Map<String, Object> row : runner.run(NegativeQueries.INDICATED, Map.of())) {
            @SuppressWarnings("unchecked")
            List<Object> drugs = (List<Object>) row.get("drugs");
            indicated.put((String) row.get("disease"), drugs.stream().map(String::valueOf).sorted().toList());
        }

        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), daemonThreads());
        try {
            HardNegativeSampler sampler = new HardNegativeSampler(runner, pool, config.seed(), config.negativePool(),
                    config.batchSize(), config.negativesPerPositive());
            boolean embeddings = sampler.embeddingsAvailable();
            Map<String, List<HardNegativeSampler.Negative>> negatives =
                    sampler.sampleAll(scope, heldOut, nonIndications, indicated, embeddings, progress);

            List<Positive> built = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            List<PairRequest> requests = new ArrayList<>();
            Map<String, List<String>> names = new HashMap<>();
            for (Positive positive : scope) {
                List<HardNegativeSampler.Negative> chosen = negatives.get(positive.key());
                if (chosen == null || chosen.isEmpty()) {
                    missing.add(positive.key() + ": no drug is eligible as a hard negative (every connected drug "
                            + "treats or palliates the disease)");
                    continue;
                }
                built.add(positive);
                String exclude = positive.key();
                requests.add(new PairRequest(candidateKey(positive, positive.drug()), positive.drug(),
                        positive.disease(), exclude));
                names.put(SplitPlan.key(positive.drug(), positive.disease()),
                        List.of(nullToEmpty(positive.drugName()), nullToEmpty(positive.diseaseName())));
                for (HardNegativeSampler.Negative negative : chosen) {
                    requests.add(new PairRequest(candidateKey(positive, negative.drug()), negative.drug(),
                            positive.disease(), exclude));
                    names.put(SplitPlan.key(negative.drug(), positive.disease()),
                            List.of(nullToEmpty(negative.name()), nullToEmpty(positive.diseaseName())));
                }
            }

            List<Metapath> metapaths = new ArrayList<>(Metapaths.DEFAULT);
            if (config.pathways()) {
                metapaths.add(Metapaths.PATHWAY);
            }
            PathFinder finder = new PathFinder(runner, new PathFinder.Settings(
                    metapaths, config.pathsPerPair(), config.maxPerMetapath(), PathScorer.DAMPING,
                    config.promptShape().pharmacokineticLast()));
            Set<String> forbidden = excludeHeldOutEdges ? heldOut : Set.of();
            progress.begin("expRxRec: explanation paths", requests.size());
            Map<String, List<GraphPath>> paths = ParallelBatches.run(pool, requests, config.batchSize(),
                    batch -> finder.find(batch, forbidden), progress);
            progress.end();

            List<PairRequest> evidencePairs = new ArrayList<>();
            for (String key : new LinkedHashSet<>(names.keySet())) {
                int bar = key.indexOf('|');
                evidencePairs.add(new PairRequest(key, key.substring(0, bar), key.substring(bar + 1), null));
            }
            evidencePairs.sort((a, b) -> a.key().compareTo(b.key()));
            EvidenceFinder evidenceFinder = new EvidenceFinder(runner);
            progress.begin("expRxRec: trials and publications", evidencePairs.size());
            Map<String, EvidenceFinder.Ranked<TrialRecord>> trials = ParallelBatches.run(pool, evidencePairs,
                    config.batchSize(), batch -> evidenceFinder.rankedTrials(batch, config.trialsPerPair()),
                    ProgressTracker.NULL);
            Map<String, EvidenceFinder.Ranked<PublicationRecord>> publications = ParallelBatches.run(pool,
                    evidencePairs, config.batchSize(),
                    batch -> evidenceFinder.rankedPublications(batch, names, config.publicationsPerPair()), progress);
            progress.end();

            return assembleAndWrite(all, scope, built, missing, negatives, paths, trials, publications, start,
                    requests.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private DatasetResult assembleAndWrite(List<Positive> all, List<Positive> scope, List<Positive> built,
            List<String> missing, Map<String, List<HardNegativeSampler.Negative>> negatives,
            Map<String, List<GraphPath>> paths, Map<String, EvidenceFinder.Ranked<TrialRecord>> trials,
            Map<String, EvidenceFinder.Ranked<PublicationRecord>> publications, long start, int candidatePairs) {
        SplitPlan plan = loadSplitPlan();
        Map<Variant, Map<PairSplit, List<ExpRxRecExample>>> files = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            Map<PairSplit, List<ExpRxRecExample>> bySplit = new LinkedHashMap<>();
            SPLITS.forEach(split -> bySplit.put(split, new ArrayList<>()));
            files.put(variant, bySplit);
        }
        Map<String, Integer> negativeMethods = new TreeMap<>();
        Map<String, Integer> teachers = new TreeMap<>();
        Map<String, Integer> evidence = new LinkedHashMap<>();
        AtomicInteger withoutEvidence = new AtomicInteger();
        List<ExpRxRecExample> everything = new ArrayList<>();
        progress.begin("expRxRec: examples", (long) built.size() * config.negativesPerPositive()
                * Variant.values().length);
        for (Positive positive : built) {
            List<HardNegativeSampler.Negative> chosen = negatives.get(positive.key());
            for (int k = 0; k < chosen.size(); k++) {
                HardNegativeSampler.Negative negative = chosen.get(k);
                // The first negative keeps the pair's id (and its seeded order) as with one negative per positive.
                String pairId = k == 0 ? positive.key() : positive.key() + "|" + negative.drug();
                negativeMethods.merge(negative.method(), 1, Integer::sum);
                CandidateEvidence relevant = candidate(positive, positive.drug(), positive.drugName(), paths, trials,
                        publications);
                CandidateEvidence hard = candidate(positive, negative.drug(), negative.name(), paths, trials,
                        publications);
                List<CandidateEvidence> candidates = new ArrayList<>(List.of(relevant, hard));
                SplittableRandom random = Seeds.random(config.seed(), "order", pairId);
                for (int i = candidates.size() - 1; i > 0; i--) {
                    Collections.swap(candidates, i, random.nextInt(i + 1));
                }
                int label = candidates.indexOf(relevant);
                count(evidence, "pathsOfRelevant", relevant.paths().size());
                count(evidence, "pathsOfNegative", hard.paths().size());
                count(evidence, "trialsOfRelevant", relevant.trials().size());
                count(evidence, "trialsOfNegative", hard.trials().size());
                count(evidence, "publicationsOfRelevant", relevant.publications().size());
                count(evidence, "publicationsOfNegative", hard.publications().size());
                if (k == 0 && relevant.paths().isEmpty()) {
                    count(evidence, "positivesWithoutPaths", 1);
                }
                if (k == 0 && relevant.paths().isEmpty() && relevant.trials().isEmpty()
                        && relevant.publications().isEmpty()) {
                    withoutEvidence.incrementAndGet();
                }
                for (Variant variant : Variant.values()) {
                    String id = positive.disease() + "|" + positive.drug() + (k == 0 ? "" : "|" + negative.drug()) + "|"
                            + variant.label();
                    ExpRxRecExample example = ExampleAssembler.assemble(id, positive.disease(),
                            positive.diseaseName(), candidates, label, variant, positive.split().label(),
                            negative.method());
                    Teacher.Answer answer = teacher.answer(example);
                    ExpRxRecExample answered = ExampleAssembler.answered(example, answer.output(), answer.teacher());
                    teachers.merge(answer.teacher(), 1, Integer::sum);
                    files.get(variant).get(positive.split()).add(answered);
                    everything.add(answered);
                    progress.advance(1);
                }
            }
        }
        progress.end();
        evidence.put("positivesWithoutAnyEvidence", withoutEvidence.get());

        List<String> leaks = LeakageCheck.check(everything, plan).stream().map(Object::toString).toList();

        Map<String, Integer> positives = splitCounts(all);
        Map<String, Integer> positivesInScope = splitCounts(scope);
        Map<String, Integer> examples = new LinkedHashMap<>();
        SPLITS.forEach(split -> examples.put(split.label(), files.get(Variant.VANILLA).get(split).size()));
        List<String> zeroShot = all.stream().filter(p -> p.split() == PairSplit.ZEROSHOT).map(Positive::disease)
                .distinct().sorted().toList();
        Map<String, Integer> rejections = teacher instanceof OpenAiTeacher openAi ? openAi.rejections() : Map.of();

        // A clean dataset is written whole into a staging folder and moved into place at the end, so a crash never
        // leaves a folder that mixes old and new files; a leaking one writes only its card, beside the old dataset.
        Path out = leaks.isEmpty() ? AtomicDirectory.staging(config.out(), DatasetBuilder::writes) : config.out();
        String dataHash = null;
        try {
            Files.createDirectories(out);
            if (leaks.isEmpty()) {
                List<Path> written = new ArrayList<>();
                Path splitsFile = out.resolve("splits.tsv");
                Path tmpSplits = temporary(splitsFile);
                plan.write(tmpSplits, all.stream().map(p -> new String[] {p.drug(), p.disease()}).toList());
                move(tmpSplits, splitsFile);
                written.add(splitsFile);
                for (Map.Entry<Variant, Map<PairSplit, List<ExpRxRecExample>>> variant : files.entrySet()) {
                    Path folder = out.resolve(variant.getKey().label());
                    Files.createDirectories(folder);
                    for (PairSplit split : SPLITS) {
                        Path file = folder.resolve(split.label() + ".jsonl");
                        Path tmp = temporary(file);
                        ExpRxRecJson.write(tmp, variant.getValue().get(split));
                        move(tmp, file);
                        written.add(file);
                    }
                }
                dataHash = hash(out, written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dataset to " + out, e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DatasetResult result = new DatasetResult(out, positives, positivesInScope, examples, missing,
                negativeMethods, candidatePairs, evidence, teachers, rejections, leaks, zeroShot, dataHash, seconds);
        DatasetCard.write(result, config, teacher.name());
        if (leaks.isEmpty()) {
            AtomicDirectory.replace(out, config.out());
            result = new DatasetResult(config.out(), positives, positivesInScope, examples, missing, negativeMethods,
                    candidatePairs, evidence, teachers, rejections, leaks, zeroShot, dataHash, seconds);
        }
        if (!leaks.isEmpty()) {
            throw new IllegalStateException(Messages.format(
                    "The leakage check failed: %d evidence item(s) use a held-out or the example's own TREATS edge, "
                            + "e.g. %s. Nothing but the card was written; the findings are in %s.",
                    leaks.size(), leaks.get(0), DatasetCardFile.in(out)));
        }
        return result;
    }

    private CandidateEvidence candidate(Positive positive, String drug, String name,
            Map<String, List<GraphPath>> paths, Map<String, EvidenceFinder.Ranked<TrialRecord>> trials,
            Map<String, EvidenceFinder.Ranked<PublicationRecord>> publications) {
        String pair = SplitPlan.key(drug, positive.disease());
        EvidenceFinder.Ranked<TrialRecord> pairTrials = trials.getOrDefault(pair, new EvidenceFinder.Ranked<>(
                List.of(), 0));
        EvidenceFinder.Ranked<PublicationRecord> pairPublications = publications.getOrDefault(pair,
                new EvidenceFinder.Ranked<>(List.of(), 0));
        return new CandidateEvidence(drug, name, paths.getOrDefault(candidateKey(positive, drug), List.of()),
                pairTrials.top(), pairPublications.top(), pairTrials.total(), pairPublications.total());
    }

    private static String candidateKey(Positive positive, String drug) {
        return positive.key() + "#" + drug;
    }

    /** The graph's TREATS pairs with their splits; fails clearly on an empty graph or one without TREATS. */
    List<Positive> loadPositives() {
        long nodes = ((Number) runner.run(NODE_COUNT, Map.of()).get(0).get("nodes")).longValue();
        if (nodes == 0) {
            throw new IllegalStateException("The graph is empty: it has no nodes. Import the knowledge graph first "
                    + "(`kedrec import`), then build the dataset.");
        }
        List<Map<String, Object>> rows = runner.run(TREATS_PAIRS, Map.of());
        if (rows.isEmpty()) {
            throw new IllegalStateException(Messages.format(
                    "The graph has %d nodes but no (:Drug)-[:TREATS]->(:Disease) relationships, so there are no "
                            + "positives to build examples from. Import Hetionet's CtD edges (`kedrec import`), "
                            + "then build the dataset.", nodes));
        }
        SplitPlan plan = loadSplitPlan();
        List<Positive> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String drug = (String) row.get("drug");
            String disease = (String) row.get("disease");
            out.add(new Positive(drug, (String) row.get("drugName"), disease, (String) row.get("diseaseName"),
                    plan.splitOf(drug, disease)));
        }
        return out;
    }

    private SplitPlan cachedPlan;

    private SplitPlan loadSplitPlan() {
        if (cachedPlan == null) {
            cachedPlan = config.splitsFile() != null
                    ? SplitPlan.read(config.splitsFile())
                    : SplitPlan.fromDataDirectory(config.dataDir());
        }
        return cachedPlan;
    }

    /** The disease ids of the {@code --disease} filter (ids, xrefs or exact names), or null for all diseases. */
    Set<String> resolveDiseases(List<Positive> positives) {
        if (config.diseases().isEmpty()) {
            return null;
        }
        List<Map<String, Object>> diseases = runner.run(DISEASES, Map.of());
        Set<String> withPositives = new TreeSet<>();
        positives.forEach(p -> withPositives.add(p.disease()));
        Set<String> out = new TreeSet<>();
        for (String wanted : config.diseases()) {
            String match = null;
            for (Map<String, Object> row : diseases) {
                String id = (String) row.get("id");
                Object xrefs = row.get("xrefs");
                boolean byXref = xrefs instanceof List<?> list && list.contains(wanted);
                boolean byName = row.get("name") instanceof String name && name.equalsIgnoreCase(wanted.strip());
                if (id.equals(wanted.strip()) || byXref || byName) {
                    match = id;
                    break;
                }
            }
            if (match == null) {
                List<String> known = new ArrayList<>();
                for (Map<String, Object> row : diseases) {
                    known.add((String) row.get("id"));
                    if (row.get("name") instanceof String name) {
                        known.add(name);
                    }
                }
                List<String> close = DidYouMean.suggest(wanted, known, 3);
                throw new IllegalArgumentException(Messages.format(
                        "Unknown disease `%s`: no Disease node has this id, xref or name.%s",
                        wanted, close.isEmpty()
                                ? " Pass a disease id such as `DOID:10763` (list them with "
                                        + "`MATCH (d:Disease) RETURN d.id, d.name`)."
                                : Messages.format(" Did you mean %s?", close)));
            }
            if (!withPositives.contains(match)) {
                throw new IllegalArgumentException(Messages.format(
                        "Disease `%s` (%s) has no TREATS relationships, so it has no positives to build examples "
                                + "from. Pick a disease that some drug treats.", wanted, match));
            }
            out.add(match);
        }
        return out;
    }

    private static Map<String, Integer> splitCounts(List<Positive> positives) {
        Map<String, Integer> out = new LinkedHashMap<>();
        SPLITS.forEach(split -> out.put(split.label(), 0));
        positives.forEach(p -> out.merge(p.split().label(), 1, Integer::sum));
        return out;
    }

    private static void count(Map<String, Integer> counts, String key, int value) {
        counts.merge(key, value, Integer::sum);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Whether a top-level name in the dataset folder is this builder's output (the rest is carried over). */
    static boolean writes(String name) {
        if (name.equals("splits.tsv") || name.equals(DatasetCardFile.FILE) || name.equals("README.md")) {
            return true;
        }
        for (Variant variant : Variant.values()) {
            if (variant.label().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** SHA-256 over each file's path (relative to {@code out}) and bytes, in the given order. */
    static String hash(Path out, List<Path> files) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
        for (Path file : files) {
            digest.update((out.relativize(file).toString().replace('\\', '/') + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest()).toLowerCase(Locale.ENGLISH);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "expRxRec-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Evidence kinds shown per variant, for the card. */
    static Map<String, List<String>> variantKinds() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            List<String> kinds = new ArrayList<>();
            for (EvidenceKind kind : EvidenceKind.values()) {
                if (variant.shows(kind)) {
                    kinds.add(kind.label());
                }
            }
            out.put(variant.label(), kinds);
        }
        return out;
    }
}
