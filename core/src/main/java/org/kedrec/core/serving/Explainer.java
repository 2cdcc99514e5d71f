package org.kedrec.core.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.EvidenceFinder;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.evidence.EvidenceSource;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.BindingRoles;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.MetapathWeights;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.explain.PathKind;
import org.kedrec.core.explain.PathKinds;
import org.kedrec.core.explain.PathOrder;
import org.kedrec.core.explain.PathRanking;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.explain.PathSource;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.lm.GenerationOptions;
import org.kedrec.core.lm.PromptShape;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.lm.StudentPrompt;
import org.kedrec.core.rationale.EvidenceTeacher;

/**
 * The serving side of the explanation layer: finds the explanation paths, trials and publications of (disease,
 * drug) pairs through a {@link CypherRunner}, numbers them into an expRxRec example exactly as the dataset builder
 * does ({@link ExampleAssembler}, variant {@code both}), and writes the rationale with the evidence teacher or the
 * student. The plugin's {@code kedrec.recommend}, {@code kedrec.explain} and {@code kedrec.select} call it, so a
 * user sees the evidence and the rationale style the student was trained on.
 *
 * <p>Work is only done for what is asked ({@link Needs}): paths alone cost one query for all pairs; evidence and
 * rationales add one query for trials and up to two for publications, again for all pairs at once.
 *
 * <p>Not thread-safe if the runner is not (the plugin's runner wraps one transaction); create one per call.
 */
public final class Explainer {
    /** Trials kept per drug, strongest first. */
    public static final int TRIALS_PER_DRUG = 3;
    /** Publications kept per drug, best full-text match first. */
    public static final int PUBLICATIONS_PER_DRUG = 3;
    /** Shortest metapath length of the catalogue. */
    public static final int MIN_PATH_LENGTH = 2;
    /** Longest: 4 adds the pathway metapath {@code CbGpPWpGaD} (costly on hub pathways, see {@link Metapaths}). */
    public static final int MAX_PATH_LENGTH = 4;

    private static final List<List<Metapath>> METAPATHS_BY_MAX_LENGTH = buildCatalogues();

    /**
     * How a caller wants the paths: their order and the kinds to keep (config keys {@code order} and {@code kinds}).
     *
     * @param weights the calibrated metapath weights of {@link PathOrder#MECHANISM}
     * @param maxPerMetapath in {@link PathOrder#PATH_COUNT}, how many paths of one metapath come before the other
     *     metapaths get their turn
     * @param pharmacokineticLast in {@link PathOrder#PATH_COUNT}, whether pharmacokinetic paths are picked only
     *     after the others (the prompts of datasets built since it was recorded; {@link PromptShape})
     */
    public record PathOptions(PathOrder order, java.util.Set<PathKind> kinds, MetapathWeights weights,
            int maxPerMetapath, boolean pharmacokineticLast) {
        public PathOptions {
            order = order == null ? PathOrder.MECHANISM : order;
            kinds = kinds == null ? PathKinds.ALL : java.util.Set.copyOf(kinds);
            weights = weights == null ? MetapathWeights.shipped() : weights;
            if (maxPerMetapath < 1) {
                throw new IllegalArgumentException(Messages.format(
                        "maxPerMetapath must be at least 1 but was %d.", maxPerMetapath));
            }
        }

        /** {@code order} and {@code kinds}, the shipped weights, one path per metapath first. */
        public PathOptions(PathOrder order, java.util.Set<PathKind> kinds) {
            this(order, kinds, null, 1, false);
        }

        /** Mechanism first, every kind, the shipped weights. */
        public static PathOptions defaults() {
            return new PathOptions(PathOrder.MECHANISM, PathKinds.ALL);
        }

        /**
         * The paths of a prompt the student chooses on: picked as the dataset builder picks them for the examples
         * it trains on (degree-weighted path score, {@code maxPerMetapath} per metapath first, {@code PathSelector}),
         * not in the order shown to a reader. With the reader's order the student chose on evidence it never saw
         * in training (mechanism paths in every slot, the class a drug shares with a known treatment pushed out),
         * and was right on fewer test pairs than on the dataset's own prompts (docs/student.md, "Served as
         * trained").
         */
        public static PathOptions studentPrompt(PromptShape shape) {
            return new PathOptions(PathOrder.PATH_COUNT, PathKinds.ALL, null, shape.maxPerMetapath(),
                    shape.pharmacokineticLast());
        }
    }

    /** A drug to explain: its CURIE and name. */
    public record Candidate(String id, String name) {}

    /**
     * What a caller will read.
     *
     * @param paths the explanation paths
     * @param evidence the numbered evidence items (paths, trials, publications)
     * @param rationale who writes the rationale ({@link RationaleMode#NONE} for no rationale)
     */
    public record Needs(boolean paths, boolean evidence, RationaleMode rationale) {
        public Needs {
            if (rationale == null) {
                rationale = RationaleMode.NONE;
            }
        }

        /** True when an example (paths + trials + publications, numbered) must be assembled. */
        public boolean example() {
            return evidence || rationale != RationaleMode.NONE;
        }

        /** True when any graph query is needed at all. */
        public boolean anything() {
            return paths || example();
        }
    }

    /**
     * One drug's explanation.
     *
     * @param drug the drug
     * @param paths its explanation paths, best first (empty when not asked)
     * @param example the one-candidate expRxRec example its evidence and rationale come from (null when not asked)
     * @param rationale the rationale with names and evidence ids filled in (null when not asked)
     * @param rationaleWithSlots the same text with slots, as the teacher or student wrote it (null when not asked)
     */
    public record Explanation(
            Candidate drug, List<GraphPath> paths, ExpRxRecExample example, String rationale,
            String rationaleWithSlots) {

        /** The example's evidence items, or an empty list. */
        public List<EvidenceItem> evidence() {
            return example == null ? List.of() : example.evidence();
        }
    }

    private final CypherRunner runner;
    private final PathSource pathSource;
    private final EvidenceSource evidenceSource;

    /** Paths, trials and publications all through {@code runner}'s queries. */
    public Explainer(CypherRunner runner) {
        this(runner, PathSource.query(runner));
    }

    /** Paths from {@code pathSource} (the plugin walks the graph), trials and publications through {@code runner}. */
    public Explainer(CypherRunner runner, PathSource pathSource) {
        this(runner, pathSource, EvidenceSource.query(runner));
    }

    /**
     * Paths from {@code pathSource}, trial and publication rows from {@code evidenceSource} (the plugin walks the
     * graph for both), the full-text scores of publications through {@code runner}.
     */
    public Explainer(CypherRunner runner, PathSource pathSource, EvidenceSource evidenceSource) {
        this.runner = runner;
        this.pathSource = pathSource;
        this.evidenceSource = evidenceSource;
    }

    /** The metapaths of the default catalogue up to {@code maxPathLength} relationships (2 to 4). */
    public static List<Metapath> metapaths(int maxPathLength) {
        if (maxPathLength < MIN_PATH_LENGTH || maxPathLength > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `maxPathLength` must be between %d and %d but was %d.", MIN_PATH_LENGTH,
                    MAX_PATH_LENGTH, maxPathLength));
        }
        return METAPATHS_BY_MAX_LENGTH.get(maxPathLength);
    }

    private static List<List<Metapath>> buildCatalogues() {
        List<List<Metapath>> out = new ArrayList<>();
        for (int max = 0; max <= MAX_PATH_LENGTH; max++) {
            int limit = max;
            List<Metapath> list = new ArrayList<>(Metapaths.DEFAULT.stream().filter(m -> m.length() <= limit).toList());
            if (Metapaths.PATHWAY.length() <= limit) {
                list.add(Metapaths.PATHWAY);
            }
            // Length 3 is exactly the default catalogue: keep the very same list so PathFinder reuses its query.
            out.add(list.size() == Metapaths.DEFAULT.size() ? Metapaths.DEFAULT : List.copyOf(list));
        }
        return List.copyOf(out);
    }

    /**
     * Explains each drug on its own (its own one-candidate example with slot {@code [C1]}), in the order given.
     *
     * @param student the student for {@link RationaleMode#STUDENT}; may be null otherwise
     */
    public List<Explanation> explainEach(String diseaseId, String diseaseName, List<Candidate> drugs, int pathsPerDrug,
            int maxPathLength, Needs needs, StudentModel student) {
        return explainEach(diseaseId, diseaseName, drugs, pathsPerDrug, maxPathLength, PathOptions.defaults(), needs,
                student);
    }

    /** {@link #explainEach(String, String, List, int, int, Needs, StudentModel)} with the paths ordered as asked. */
    public List<Explanation> explainEach(String diseaseId, String diseaseName, List<Candidate> drugs, int pathsPerDrug,
            int maxPathLength, PathOptions pathOptions, Needs needs, StudentModel student) {
        if (needs.rationale() == RationaleMode.STUDENT && student == null) {
            throw new IllegalArgumentException("A student rationale needs a student model; none was given.");
        }
        List<Explanation> out = new ArrayList<>();
        if (drugs.isEmpty() || !needs.anything()) {
            drugs.forEach(d -> out.add(new Explanation(d, List.of(), null, null, null)));
            return out;
        }
        Gathered gathered =
                gather(diseaseId, diseaseName, drugs, pathsPerDrug, maxPathLength, pathOptions, needs.example());
        for (Candidate drug : drugs) {
            List<GraphPath> paths = gathered.paths.getOrDefault(drug.id(), List.of());
            if (!needs.example()) {
                out.add(new Explanation(drug, paths, null, null, null));
                continue;
            }
            CandidateEvidence evidence = new CandidateEvidence(drug.id(), drug.name(), paths,
                    gathered.trials(drug.id()).top(), gathered.publications(drug.id()).top(),
                    gathered.trials(drug.id()).total(), gathered.publications(drug.id()).total());
            ExpRxRecExample example = ExampleAssembler.assemble(diseaseId + "|" + drug.id(), diseaseId, diseaseName,
                    List.of(evidence), 0, Variant.BOTH, null, null);
            String withSlots = switch (needs.rationale()) {
                case TEACHER -> EvidenceTeacher.rationale(example);
                case STUDENT -> student.generate(example, GenerationOptions.defaults().withCandidate(0))
                        .textWithSlots();
                case NONE -> null;
            };
            out.add(new Explanation(drug, paths, example,
                    withSlots == null ? null : StudentPrompt.restore(withSlots, example), withSlots));
        }
        return out;
    }

    /**
     * The drugs side by side in one example, as the paper's selection task and the student see them: candidates
     * {@code [C1]}, {@code [C2]}, … in the order given, their evidence numbered candidate by candidate, each
     * drug's paths, trials and publications picked as the dataset builder picks them for a prompt of {@code shape}
     * ({@link PathOptions#studentPrompt}; the student's own shape is {@link StudentModel#promptShape()}).
     *
     * @param label index of the candidate the answer is about (for the teacher), or -1
     */
    public ExpRxRecExample jointExample(String diseaseId, String diseaseName, List<Candidate> drugs,
            PromptShape shape, int label) {
        Gathered gathered = gather(diseaseId, diseaseName, drugs, shape.pathsPerDrug(), shape.maxPathLength(),
                PathOptions.studentPrompt(shape), true, shape.trialsPerDrug(), shape.publicationsPerDrug());
        List<CandidateEvidence> candidates = new ArrayList<>();
        for (Candidate drug : drugs) {
            candidates.add(new CandidateEvidence(drug.id(), drug.name(),
                    gathered.paths.getOrDefault(drug.id(), List.of()),
                    gathered.trials(drug.id()).top(), gathered.publications(drug.id()).top(),
                    gathered.trials(drug.id()).total(), gathered.publications(drug.id()).total()));
        }
        return ExampleAssembler.assemble(diseaseId + "|select", diseaseId, diseaseName, candidates, label,
                Variant.BOTH, null, null);
    }

    /**
     * The example with another label (which candidate the teacher argues for). The label is then a choice, not the
     * dataset's truth, so the negative method goes: nothing says the other candidates do not treat the disease
     * ({@link ExpRxRecExample#knownNonTreatment}).
     */
    public static ExpRxRecExample relabel(ExpRxRecExample example, int label) {
        return new ExpRxRecExample(example.id(), example.instruction(), example.input(), example.output(),
                example.disease(), example.candidates(), label,
                label >= 0 ? example.candidates().get(label).slot() : null, example.evidence(), example.split(),
                example.variant(), null, example.teacher());
    }

    /**
     * An evidence item as a map of plain values for a procedure's output: {@code slot} ({@code [E1]}), {@code kind}
     * ({@code path}, {@code trial}, {@code publication}), {@code drug} (the drug's CURIE), {@code text} (with names
     * instead of slots), {@code score}, and per kind {@code metapath}/{@code pathKind}/{@code nodes} or
     * {@code id}/{@code title}/{@code phase}/{@code status}/{@code outcome}.
     */
    public static Map<String, Object> evidenceMap(EvidenceItem item, ExpRxRecExample example) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slot", item.slot());
        out.put("kind", item.kind().label());
        String drug = example.candidates().stream().filter(c -> c.slot().equals(item.candidate())).findFirst()
                .map(c -> c.id()).orElse(null);
        out.put("drug", drug);
        out.put("text", StudentPrompt.restore(item.text(), example));
        out.put("score", item.score());
        if (item.kind() == EvidenceKind.PATH) {
            out.put("metapath", item.metapath());
            out.put("pathKind", item.isPharmacokinetic() ? PathKind.PHARMACOKINETIC.key() : pathKind(item.metapath()));
            out.put("nodes", item.nodes());
        } else {
            out.put("id", item.id());
            out.put("title", item.title());
            if (item.kind() == EvidenceKind.TRIAL) {
                out.put("phase", item.phase());
                out.put("status", item.status());
                out.put("outcome", item.outcome());
            }
        }
        return out;
    }

    /** The kind ({@code mechanism}, …) of a metapath of the catalogue, or null for one it does not know. */
    static String pathKind(String metapath) {
        if (metapath == null) {
            return null;
        }
        try {
            return PathKind.classify(Metapaths.byAbbreviation(metapath)).key();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Gathered(
            Map<String, List<GraphPath>> paths,
            Map<String, EvidenceFinder.Ranked<TrialRecord>> trials,
            Map<String, EvidenceFinder.Ranked<PublicationRecord>> publications) {
        EvidenceFinder.Ranked<TrialRecord> trials(String drug) {
            return trials.getOrDefault(drug, new EvidenceFinder.Ranked<>(List.of(), 0));
        }

        EvidenceFinder.Ranked<PublicationRecord> publications(String drug) {
            return publications.getOrDefault(drug, new EvidenceFinder.Ranked<>(List.of(), 0));
        }
    }

    /**
     * Which bindings of the drugs are pharmacokinetic, read for the drugs with a candidate path that leaves them
     * through {@code BINDS} (the only paths it can relabel, {@link BindingRoles#labelled}).
     */
    private BindingRoles bindingRoles(Map<String, List<GraphPath>> candidates) {
        List<String> binding = BindingRoles.drugsToRead(candidates.values());
        return binding.isEmpty() ? BindingRoles.NONE : pathSource.bindingRoles(binding);
    }

    private Gathered gather(String diseaseId, String diseaseName, List<Candidate> drugs, int pathsPerDrug,
            int maxPathLength, PathOptions pathOptions, boolean evidence) {
        return gather(diseaseId, diseaseName, drugs, pathsPerDrug, maxPathLength, pathOptions, evidence,
                TRIALS_PER_DRUG, PUBLICATIONS_PER_DRUG);
    }

    private Gathered gather(String diseaseId, String diseaseName, List<Candidate> drugs, int pathsPerDrug,
            int maxPathLength, PathOptions pathOptions, boolean evidence, int trialsPerDrug,
            int publicationsPerDrug) {
        List<String> drugIds = new ArrayList<>();
        // The full-text query that ranks a drug's publications names both the drug and the disease.
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (Candidate drug : drugs) {
            if (names.containsKey(drug.id())) {
                throw new IllegalArgumentException(Messages.format(
                        "The drug `%s` is listed twice; list each drug once.", drug.id()));
            }
            drugIds.add(drug.id());
            names.put(drug.id(), Arrays.asList(drug.name(), diseaseName));
        }
        // Every query is anchored at the disease: its side of the paths and its trials and publications are read
        // once per call, not once per drug (the pair forms the dataset builder uses cost 2x to 40x more here).
        Map<String, List<GraphPath>> found = new LinkedHashMap<>();
        Map<String, List<GraphPath>> candidates = pathSource.candidatesForDisease(diseaseId, drugIds,
                metapaths(maxPathLength), pathsPerDrug, PathScorer.DAMPING);
        BindingRoles roles = bindingRoles(candidates);
        candidates.forEach((drug, paths) -> found.put(drug, PathRanking.rank(paths, pathsPerDrug,
                pathOptions.order(), pathOptions.kinds(), pathOptions.weights(), roles,
                pathOptions.maxPerMetapath(), pathOptions.pharmacokineticLast())));
        if (!evidence) {
            return new Gathered(found, Map.of(), Map.of());
        }
        EvidenceFinder evidenceFinder = new EvidenceFinder(runner, evidenceSource);
        return new Gathered(found, evidenceFinder.rankedTrialsForDisease(diseaseId, drugIds, trialsPerDrug),
                evidenceFinder.rankedPublicationsForDisease(diseaseId, drugIds, names, publicationsPerDrug));
    }
}
