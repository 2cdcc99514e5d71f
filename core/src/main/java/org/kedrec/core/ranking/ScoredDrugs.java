package org.kedrec.core.ranking;

import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;

/**
 * Every drug a ranker knows, scored for one disease: {@code drugs().get(i)} has score {@code score(i)} (a probability
 * in (0, 1) that the drug treats the disease). Each call of {@link DrugRanker#scoreAll} returns a fresh instance; it
 * is immutable.
 */
public final class ScoredDrugs {
    /** One ranked drug. */
    public record ScoredDrug(int rank, String drug, double score) {}

    private final String disease;
    private final List<String> drugs;
    private final float[] scores;

    ScoredDrugs(String disease, List<String> drugs, float[] scores) {
        if (drugs.size() != scores.length) {
            throw new IllegalArgumentException(Messages.format(
                    "Got %d scores for %d drugs.", scores.length, drugs.size()));
        }
        this.disease = disease;
        this.drugs = drugs;
        this.scores = scores;
    }

    public String disease() {
        return disease;
    }

    /** The drugs' CURIEs, in the ranker's fixed order (not sorted by score). */
    public List<String> drugs() {
        return drugs;
    }

    public int size() {
        return scores.length;
    }

    public double score(int i) {
        return scores[i];
    }

    /** A copy of the scores, parallel to {@link #drugs()}. */
    public float[] scores() {
        return scores.clone();
    }

    /** The {@code k} best drugs, best first; ties keep the ranker's order so results are reproducible. */
    public List<ScoredDrug> top(int k) {
        if (k < 0) {
            throw new IllegalArgumentException(Messages.format("top(k) needs k >= 0 but got %d.", k));
        }
        // A bounded insertion into the k best so far instead of sorting every drug (boxed) on each call: a
        // recommendation asks for a few dozen of about 1,500.
        int n = Math.min(k, scores.length);
        if (n == 0) {
            return new ArrayList<>();
        }
        int[] best = new int[n];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (size == n && !better(i, best[n - 1])) {
                continue;
            }
            int at = size < n ? size++ : n - 1;
            while (at > 0 && better(i, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        List<ScoredDrug> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoredDrug(i + 1, drugs.get(best[i]), scores[best[i]]));
        }
        return out;
    }

    /** Whether drug {@code a} ranks before drug {@code b}: the higher score, then the ranker's order. */
    private boolean better(int a, int b) {
        int c = Float.compare(scores[a], scores[b]);
        return c != 0 ? c > 0 : a < b;
    }
}
