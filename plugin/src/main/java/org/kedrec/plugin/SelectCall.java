package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.lm.PromptShape;
import org.kedrec.core.ranking.ScoredDrugs;
import org.kedrec.core.serving.CandidateSelector;
import org.kedrec.core.serving.Explainer;
import org.kedrec.core.serving.RationaleMode;

/** {@code kedrec.select}: the student (or, without one, the ranker) chooses one drug among the candidates. */
final class SelectCall {
    private SelectCall() {}

    static List<SelectResult> run(CallContext call, String diseaseInput, List<String> drugInputs,
            Map<String, Object> configMap, Set<String> fields) {
        SelectConfig config = SelectConfig.of(configMap);
        if (drugInputs == null || drugInputs.isEmpty()) {
            throw new IllegalArgumentException(Messages.format(
                    "kedrec.select chooses among 1 to %d drugs but got none. Pass the candidates as a list, e.g. "
                            + "kedrec.select('hypertension', ['Ramipril', 'Lisinopril']).",
                    CandidateSelector.MAX_CANDIDATES));
        }
        if (drugInputs.size() > CandidateSelector.MAX_CANDIDATES) {
            throw new IllegalArgumentException(Messages.format(
                    "kedrec.select chooses among 1 to %d drugs but got %d. Pass a shorter list, or rank any number "
                            + "of drugs with kedrec.recommend.", CandidateSelector.MAX_CANDIDATES,
                    drugInputs.size()));
        }
        try (ModelService.ModelLease lease = call.acquire(config.model())) {
            LoadedModel model = lease.model();
            CallContext.Entity disease = call.disease(model, diseaseInput);
            List<CallContext.Entity> drugs = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String input : drugInputs) {
                CallContext.Entity drug = call.drug(model, input);
                if (!seen.add(drug.id())) {
                    throw new IllegalArgumentException(Messages.format(
                            "The drug %s is listed twice among the candidates (as `%s`); list each drug once.",
                            Nodes.describe(drug.node()), Messages.echo(input)));
                }
                drugs.add(drug);
            }
            List<Explainer.Candidate> candidates = drugs.stream().map(CallContext.Entity::candidate).toList();
            RationaleMode mode = !fields.contains("rationale") ? RationaleMode.NONE
                    : config.rationale() != null ? config.rationale()
                    : model.student() != null ? RationaleMode.STUDENT : RationaleMode.TEACHER;
            if (mode == RationaleMode.STUDENT) {
                model.requireStudent();
            }
            double[] rankerScores = null;
            if (model.student() == null) {
                ScoredDrugs scored = model.ranker().scoreAll(disease.id());
                List<String> order = scored.drugs();
                rankerScores = new double[candidates.size()];
                for (int i = 0; i < candidates.size(); i++) {
                    rankerScores[i] = scored.score(order.indexOf(candidates.get(i).id()));
                }
            }
            call.guard.check();
            CandidateSelector.Outcome outcome = CandidateSelector.select(call.explainer(),
                    disease.id(), disease.name(), candidates,
                    config.shape(model.student() == null ? PromptShape.DEFAULT : model.student().promptShape()),
                    model.student(), rankerScores, mode);
            if (CandidateSelector.BY_RANKER.equals(outcome.selectedBy())) {
                call.log.debug("kedrec.select: model `%s` has no student, the ranker chose", model.name());
            }
            List<SelectResult> rows = new ArrayList<>();
            for (int i = 0; i < drugs.size(); i++) {
                CandidateSelector.Choice choice = outcome.choices().get(i);
                rows.add(new SelectResult(call.output(drugs.get(i).node()), choice.probability(), choice.selected(),
                        choice.selected() ? outcome.rationale() : null, outcome.selectedBy()));
            }
            return rows;
        }
    }
}
