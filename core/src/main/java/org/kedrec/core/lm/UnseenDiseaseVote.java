package org.kedrec.core.lm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kedrec.core.Messages;

/**
 * How {@link StudentModel#select} combines the student and the ranker for a disease the student never trained on:
 * {@code studentScale} times the student's log-likelihood of each candidate plus {@code rankerWeight} times the
 * ranker's log-odds. On the diseases it trained on, the student chooses well and the vote fitted on the validation
 * pairs holds ({@link StudentModel#rankerWeight}); on a disease it never met it is right far less often and as sure
 * of itself, so there the ranker, which reads the whole graph, must weigh more. The two numbers come from a
 * disease-level cross-fit of the training recipe (every training disease held out of one fold's student and ranker,
 * docs/student.md, tenth round), since a disease the student never trained on cannot be in its own validation split.
 *
 * @param studentScale the factor on the student's log-likelihoods, in (0, 1]: below 1 where the student is
 *     overconfident
 * @param rankerWeight the factor on the ranker's log-odds, at least 0
 * @param trainedDiseases the ids of the diseases the student trained on; any other disease is unseen
 */
public record UnseenDiseaseVote(double studentScale, double rankerWeight, Set<String> trainedDiseases) {
    public UnseenDiseaseVote {
        if (!(studentScale > 0 && studentScale <= 1)) {
            throw new IllegalArgumentException(Messages.format(
                    "The student's scale on unseen diseases must be in (0, 1] but was %s.", studentScale));
        }
        if (!(rankerWeight >= 0) || Double.isInfinite(rankerWeight)) {
            throw new IllegalArgumentException(Messages.format(
                    "The ranker's weight on unseen diseases must be a finite number of at least 0 but was %s.",
                    rankerWeight));
        }
        if (trainedDiseases == null || trainedDiseases.isEmpty()) {
            throw new IllegalArgumentException("An unseen-disease vote needs the diseases the student trained on, "
                    + "but none were given: without them every disease would count as unseen.");
        }
        trainedDiseases = Set.copyOf(new TreeSet<>(trainedDiseases));
    }

    /** The vote as reports and {@code kedrec.model.info()} show it: the two numbers and how many diseases it knows. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("studentScale", studentScale);
        out.put("rankerWeight", rankerWeight);
        out.put("trainedDiseases", (long) trainedDiseases.size());
        return out;
    }

    /** The vote as {@code tools.json} records it: {@code {"studentScale", "rankerWeight", "trainedDiseases"}}. */
    public JsonObject toJson() {
        JsonObject vote = new JsonObject();
        vote.addProperty("studentScale", studentScale);
        vote.addProperty("rankerWeight", rankerWeight);
        JsonArray diseases = new JsonArray();
        new TreeSet<>(trainedDiseases).forEach(diseases::add);
        vote.add("trainedDiseases", diseases);
        return vote;
    }

    /** The vote {@link #toJson} wrote; a missing or mistyped field throws a {@link RuntimeException}. */
    public static UnseenDiseaseVote fromJson(JsonElement json) {
        JsonObject o = json.getAsJsonObject();
        Set<String> diseases = new TreeSet<>();
        o.getAsJsonArray("trainedDiseases").forEach(d -> diseases.add(d.getAsString()));
        return new UnseenDiseaseVote(o.get("studentScale").getAsDouble(), o.get("rankerWeight").getAsDouble(),
                diseases);
    }

    /** Whether {@code diseaseId} is a disease the student never trained on (an example without a disease is not). */
    public boolean appliesTo(String diseaseId) {
        return diseaseId != null && !trainedDiseases.contains(diseaseId);
    }
}
