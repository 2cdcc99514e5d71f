package org.kedrec.trainer.ranking.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kedrec.core.Messages;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.core.text.NumberedLines;

/**
 * Side information the ranker may read besides the knowledge graph: clinical-trial and literature evidence about
 * (drug, disease) pairs, and DrugBank properties of drugs (ATC codes, categories, groups). None of it is a TREATS
 * edge: trials come from ClinicalTrials.gov ({@code (:Trial)-[:TESTS]->(:Drug)}, {@code (:Trial)-[:STUDIES]->(:Disease)}),
 * literature from the BC5CDR/BioRED abstracts (co-mentions and the corpora's asserted relations), properties from
 * DrugBank. It is what the product itself shows a user beside a recommendation, so a ranker may use it; the report
 * names the setting ("KG + evidence") and keeps a KG-only row.
 *
 * <p>Held-out TREATS pairs cannot reach the ranker through this class: it has no TREATS or PALLIATES information at
 * all ({@link Neo4jEvidenceExport} reads no such relationship), and the features derived from it that do combine it
 * with TREATS edges ({@link EvidenceFeatures}) read those from the training graph, which has none of the held-out
 * pairs.
 *
 * <p>Stored in the model directory as {@code ranker/evidence.tsv.gz} (sorted, so its hash is stable), so that
 * {@code eval kge} can refit the metapath baseline on exactly the information the model used.
 */
public final class Evidence {
    static final String PAIR_HEADER = "pair\tdrug\tdisease\ttrials\tcompleted\tmaxPhase\tsuccesses\tfailures"
            + "\tpublications\tlitTreatsLike\tlitOther";
    static final String DRUG_HEADER = "drug\tid\ttrials\tpublications\tatcCodes\tcategories\tgroups";

    /** What is known about one (drug, disease) pair; counts of distinct trials and publications. */
    public static final class PairEvidence {
        int trials;
        int completed;
        int maxPhase;
        int successes;
        int failures;
        int publications;
        int litTreatsLike;
        int litOther;

        public int trials() {
            return trials;
        }

        public int completed() {
            return completed;
        }

        /** The highest trial phase (1-4; 0 when no trial names one). */
        public int maxPhase() {
            return maxPhase;
        }

        /** Trials whose outcome is known (HINT): successes and failures. */
        public int successes() {
            return successes;
        }

        public int failures() {
            return failures;
        }

        /** Abstracts that mention both the drug and the disease. */
        public int publications() {
            return publications;
        }

        /** Literature-asserted relations that read as a treatment (BioRED {@code Negative_Correlation}). */
        public int litTreatsLike() {
            return litTreatsLike;
        }

        /** Other asserted drug-disease relations (BC5CDR chemical-induced disease, BioRED association, ...). */
        public int litOther() {
            return litOther;
        }

        String line(String drug, String disease) {
            return "pair\t" + drug + "\t" + disease + "\t" + trials + "\t" + completed + "\t" + maxPhase + "\t"
                    + successes + "\t" + failures + "\t" + publications + "\t" + litTreatsLike + "\t" + litOther;
        }
    }

    /** DrugBank properties and evidence totals of one drug. */
    public static final class DrugEvidence {
        int trials;
        int publications;
        List<String> atcCodes = List.of();
        List<String> categories = List.of();
        List<String> groups = List.of();

        /** Distinct trials testing the drug, for any disease. */
        public int trials() {
            return trials;
        }

        public int publications() {
            return publications;
        }

        public List<String> atcCodes() {
            return atcCodes;
        }

        public List<String> categories() {
            return categories;
        }

        public List<String> groups() {
            return groups;
        }

        String line(String drug) {
            return "drug\t" + drug + "\t" + trials + "\t" + publications + "\t" + join(atcCodes) + "\t"
                    + join(categories) + "\t" + join(groups);
        }
    }

    private final Map<String, PairEvidence> pairs = new TreeMap<>();
    private final Map<String, DrugEvidence> drugs = new TreeMap<>();

    /** The evidence of a pair, or null when nothing is known about it. */
    public PairEvidence pair(String drug, String disease) {
        return pairs.get(SplitPlan.key(drug, disease));
    }

    /** The evidence of a drug, or null. */
    public DrugEvidence drug(String drug) {
        return drugs.get(drug);
    }

    /** Pair keys ({@code drug|disease}), sorted. */
    public Map<String, PairEvidence> pairs() {
        return Collections.unmodifiableMap(pairs);
    }

    public Map<String, DrugEvidence> drugs() {
        return Collections.unmodifiableMap(drugs);
    }

    public boolean isEmpty() {
        return pairs.isEmpty() && drugs.isEmpty();
    }

    // ---- building -------------------------------------------------------------------------------------------

    private PairEvidence mutablePair(String drug, String disease) {
        return pairs.computeIfAbsent(SplitPlan.key(drug, disease), k -> new PairEvidence());
    }

    private DrugEvidence mutableDrug(String drug) {
        return drugs.computeIfAbsent(drug, k -> new DrugEvidence());
    }

    /**
     * One trial that tests {@code drug} for {@code disease} (call once per distinct trial and pair).
     *
     * @param phase as stored on the trial ({@code phase 1/phase 2}, {@code early phase 1}, {@code n/a}, or null)
     * @param status e.g. {@code completed}, {@code terminated}, or null
     * @param outcome HINT's {@code success} or {@code failure}, or null
     */
    public Evidence addTrial(String drug, String disease, String phase, String status, String outcome) {
        PairEvidence p = mutablePair(drug, disease);
        p.trials++;
        if (status != null && status.strip().equalsIgnoreCase("completed")) {
            p.completed++;
        }
        p.maxPhase = Math.max(p.maxPhase, TrialPhase.parse(phase));
        if (outcome != null) {
            String o = outcome.strip().toLowerCase(java.util.Locale.ENGLISH);
            if (o.equals("success") || o.equals("1")) {
                p.successes++;
            } else if (o.equals("failure") || o.equals("0")) {
                p.failures++;
            }
        }
        return this;
    }

    /** Abstracts mentioning both. */
    public Evidence addPublications(String drug, String disease, int count) {
        mutablePair(drug, disease).publications += count;
        return this;
    }

    /** Literature-asserted relations of a type between the two; {@code treatsLike} per {@link #isTreatsLike}. */
    public Evidence addLiteratureRelation(String drug, String disease, String type, int count) {
        PairEvidence p = mutablePair(drug, disease);
        if (isTreatsLike(type)) {
            p.litTreatsLike += count;
        } else {
            p.litOther += count;
        }
        return this;
    }

    /** BioRED's {@code Negative_Correlation} between a chemical and a disease is how it states a treatment. */
    public static boolean isTreatsLike(String type) {
        return "NEGATIVELY_CORRELATES".equals(type);
    }

    public Evidence drugTotals(String drug, int trials, int publications) {
        DrugEvidence d = mutableDrug(drug);
        d.trials = trials;
        d.publications = publications;
        return this;
    }

    public Evidence drugProperties(String drug, List<String> atcCodes, List<String> categories, List<String> groups) {
        DrugEvidence d = mutableDrug(drug);
        d.atcCodes = clean(atcCodes);
        d.categories = clean(categories);
        d.groups = clean(groups);
        return this;
    }

    private static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().replace('|', '/')
                .replace('\t', ' ')).distinct().sorted().toList();
    }

    private static String join(List<String> values) {
        return String.join("|", values);
    }

    private static List<String> split(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\|"));
    }

    // ---- storage --------------------------------------------------------------------------------------------

    /** Writes the evidence, sorted (pairs, then drugs), as gzipped TSV. */
    public void write(Path file) {
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8)) {
            for (String line : lines()) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(PAIR_HEADER);
        pairs.forEach((key, p) -> {
            String[] ids = key.split("\\|", 2);
            lines.add(p.line(ids[0], ids[1]));
        });
        lines.add(DRUG_HEADER);
        drugs.forEach((id, d) -> lines.add(d.line(id)));
        return lines;
    }

    /** SHA-256 (hex) of the stored lines: names the evidence a model was trained with. */
    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines()) {
                sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static Evidence read(Path file) {
        Evidence evidence = new Evidence();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            NumberedLines.forEach(in, 0, (number, line) -> {
                if (line.equals(PAIR_HEADER) || line.equals(DRUG_HEADER)) {
                    return;
                }
                String[] c = line.split("\t", -1);
                try {
                    if (c[0].equals("pair") && c.length == 11) {
                        PairEvidence p = evidence.mutablePair(c[1], c[2]);
                        p.trials = Integer.parseInt(c[3]);
                        p.completed = Integer.parseInt(c[4]);
                        p.maxPhase = Integer.parseInt(c[5]);
                        p.successes = Integer.parseInt(c[6]);
                        p.failures = Integer.parseInt(c[7]);
                        p.publications = Integer.parseInt(c[8]);
                        p.litTreatsLike = Integer.parseInt(c[9]);
                        p.litOther = Integer.parseInt(c[10]);
                    } else if (c[0].equals("drug") && c.length == 7) {
                        DrugEvidence d = evidence.mutableDrug(c[1]);
                        d.trials = Integer.parseInt(c[2]);
                        d.publications = Integer.parseInt(c[3]);
                        d.atcCodes = split(c[4]);
                        d.categories = split(c[5]);
                        d.groups = split(c[6]);
                    } else {
                        throw new NumberFormatException("unexpected columns");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(Messages.format(
                            "%s line %d: `%s` is not a pair or drug evidence row; the model directory was modified. "
                                    + "Retrain the model.",
                            file, number, line), e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return evidence;
    }

    /** Counts for the training metrics and the report. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pairsWithTrials", pairs.values().stream().filter(p -> p.trials > 0).count());
        m.put("trialPairLinks", pairs.values().stream().mapToLong(p -> p.trials).sum());
        m.put("pairsWithPhase", pairs.values().stream().filter(p -> p.maxPhase > 0).count());
        m.put("pairsWithCoMentions", pairs.values().stream().filter(p -> p.publications > 0).count());
        m.put("pairsWithLiteratureRelations",
                pairs.values().stream().filter(p -> p.litTreatsLike + p.litOther > 0).count());
        m.put("drugs", drugs.size());
        m.put("drugsWithAtcCodes", drugs.values().stream().filter(d -> !d.atcCodes.isEmpty()).count());
        m.put("drugsWithCategories", drugs.values().stream().filter(d -> !d.categories.isEmpty()).count());
        m.put("drugsWithTrials", drugs.values().stream().filter(d -> d.trials > 0).count());
        m.put("hash", hash());
        return m;
    }

    @Override
    public String toString() {
        long trialPairs = pairs.values().stream().filter(p -> p.trials > 0).count();
        long pubPairs = pairs.values().stream().filter(p -> p.publications > 0).count();
        long atc = drugs.values().stream().filter(d -> !d.atcCodes.isEmpty()).count();
        return Messages.format("Evidence[%d pairs with trials, %d with co-mentions, %d drugs with ATC codes]",
                trialPairs, pubPairs, atc);
    }
}
