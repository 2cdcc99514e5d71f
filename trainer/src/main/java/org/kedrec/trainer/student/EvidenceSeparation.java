package org.kedrec.trainer.student;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.ranking.DrugRanker;

/**
 * What the evidence in the student's prompt (and the ranker's score) can separate on a split's two-candidate pairs,
 * with no model at all: for each simple signal, how often the relevant drug has more of it than the hard negative,
 * fewer, or as much; the accuracy of the rule "pick the one with more" (a tie is half right); the accuracy of one
 * reading of all of it (publications, then trials, then the best path's score); the ranker's accuracy by how sure
 * it is (its higher score); and how often the ranker or that reading is right (a chooser that always trusted the
 * right one of the two could not beat it). A student that reads only these signals cannot be expected to do better
 * than these rules by much, so the numbers say how far the evidence itself goes on new diseases (issue 13).
 */
final class EvidenceSeparation {
    /** The ranker's higher score of the pair, bands (upper bounds): on a new disease most scores are below 0.01. */
    static final double[] RANKER_BANDS = {0.003, 0.01, 0.1, Double.POSITIVE_INFINITY};

    private EvidenceSeparation() {}

    /** One candidate's signals in the prompt's evidence. */
    record Signals(int paths, double bestPathScore, int trials, int publications) {
        static Signals of(ExpRxRecExample example, String slot) {
            int paths = 0;
            double best = 0;
            int trials = 0;
            int publications = 0;
            for (EvidenceItem item : example.evidenceFor(slot)) {
                if (item.kind() == EvidenceKind.PATH) {
                    paths++;
                    best = Math.max(best, item.score());
                } else if (item.kind() == EvidenceKind.TRIAL) {
                    // The graph's count when the dataset has it (the prompt says "in 79 trials"), else the items.
                    trials = Math.max(trials + (item.total() > 0 ? 0 : 1), item.total());
                } else {
                    publications = Math.max(publications + (item.total() > 0 ? 0 : 1), item.total());
                }
            }
            return new Signals(paths, best, trials, publications);
        }

        double get(String signal) {
            return switch (signal) {
                case "paths" -> paths;
                case "bestPathScore" -> bestPathScore;
                case "trials" -> trials;
                case "publications" -> publications;
                default -> throw new IllegalArgumentException(signal);
            };
        }
    }

    static final List<String> SIGNALS = List.of("paths", "bestPathScore", "trials", "publications");

    /** The report block for two-candidate examples; {@code ranker} may be null (no ranker rows then). */
    static Map<String, Object> of(List<ExpRxRecExample> examples, DrugRanker ranker) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<ExpRxRecExample> pairs = examples.stream()
                .filter(e -> e.candidates().size() == 2 && e.label() >= 0).toList();
        out.put("examples", pairs.size());
        if (pairs.isEmpty()) {
            return out;
        }
        for (String signal : SIGNALS) {
            int more = 0;
            int fewer = 0;
            for (ExpRxRecExample e : pairs) {
                double relevant = Signals.of(e, e.candidates().get(e.label()).slot()).get(signal);
                double other = Signals.of(e, e.candidates().get(1 - e.label()).slot()).get(signal);
                more += relevant > other ? 1 : 0;
                fewer += relevant < other ? 1 : 0;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("relevantMore", more);
            row.put("relevantFewer", fewer);
            row.put("tie", pairs.size() - more - fewer);
            row.put("ruleAccuracy", (more + (pairs.size() - more - fewer) / 2.0) / pairs.size());
            out.put(signal, row);
        }
        int evidenceRight = 0;
        int rankerRight = 0;
        int eitherRight = 0;
        int[] bandCount = new int[RANKER_BANDS.length];
        int[] bandRight = new int[RANKER_BANDS.length];
        for (ExpRxRecExample e : pairs) {
            boolean byEvidence = evidenceChoice(e) == e.label();
            evidenceRight += byEvidence ? 1 : 0;
            if (ranker != null && knows(ranker, e)) {
                double s0 = ranker.score(e.disease().id(), e.candidates().get(0).id());
                double s1 = ranker.score(e.disease().id(), e.candidates().get(1).id());
                boolean byRanker = (s1 > s0 ? 1 : 0) == e.label();
                rankerRight += byRanker ? 1 : 0;
                eitherRight += byRanker || byEvidence ? 1 : 0;
                int band = 0;
                while (Math.max(s0, s1) >= RANKER_BANDS[band]) {
                    band++;
                }
                bandCount[band]++;
                bandRight[band] += byRanker ? 1 : 0;
            }
        }
        out.put("evidenceRuleAccuracy", evidenceRight / (double) pairs.size());
        out.put("evidenceRule", "more publications, else more trials, else the better best path; a full tie picks [C1]");
        if (ranker != null) {
            out.put("rankerAccuracy", rankerRight / (double) pairs.size());
            out.put("rankerOrEvidenceRuleRight", eitherRight / (double) pairs.size());
            Map<String, Object> bands = new LinkedHashMap<>();
            double lower = 0;
            for (int b = 0; b < RANKER_BANDS.length; b++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("examples", bandCount[b]);
                row.put("rankerAccuracy", bandCount[b] == 0 ? null : bandRight[b] / (double) bandCount[b]);
                String name = Double.isInfinite(RANKER_BANDS[b]) ? "atLeast" + lower
                        : lower + "to" + RANKER_BANDS[b];
                bands.put(name, row);
                lower = RANKER_BANDS[b];
            }
            out.put("rankerByHigherScore", bands);
        }
        return out;
    }

    /** Publications, then trials, then the best path's score; [C1] on a full tie. */
    static int evidenceChoice(ExpRxRecExample e) {
        Signals a = Signals.of(e, e.candidates().get(0).slot());
        Signals b = Signals.of(e, e.candidates().get(1).slot());
        for (String signal : List.of("publications", "trials", "bestPathScore")) {
            if (a.get(signal) != b.get(signal)) {
                return a.get(signal) > b.get(signal) ? 0 : 1;
            }
        }
        return 0;
    }

    private static boolean knows(DrugRanker ranker, ExpRxRecExample e) {
        return ranker.knowsDisease(e.disease().id())
                && e.candidates().stream().allMatch(c -> ranker.knowsDrug(c.id()));
    }
}
