package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.ranking.ScoredDrugs;
import org.kedrec.core.serving.Explainer;
import org.kedrec.core.serving.RationaleMode;

/** {@code kedrec.recommend}: rank every drug for the disease, keep the best k, explain each. */
final class RecommendCall {
    private RecommendCall() {}

    static List<RecommendResult> run(CallContext call, String diseaseInput, Map<String, Object> configMap,
            Set<String> fields) {
        RecommendConfig config = RecommendConfig.of(configMap, call.models.settings());
        long start = System.nanoTime();
        call.log.debug("kedrec.recommend :: Start");
        try (ModelService.ModelLease lease = call.acquire(config.model())) {
            LoadedModel model = lease.model();
            CallContext.Entity disease = call.disease(model, diseaseInput);
            ScoredDrugs scored = model.ranker().scoreAll(disease.id());
            Set<String> known = config.excludeKnown() ? CallContext.treatments(disease.node()) : Set.of();
            List<CallContext.Picked> picked = call.pick(scored, config.k(), known);
            Explainer.Needs needs = new Explainer.Needs(fields.contains("paths"), fields.contains("evidence"),
                    fields.contains("rationale") ? config.rationale() : RationaleMode.NONE);
            StudentModel student = needs.rationale() == RationaleMode.STUDENT ? model.requireStudent() : null;
            call.guard.check();
            List<Explainer.Explanation> explanations = call.explainer().explainEach(
                    disease.id(), disease.name(), picked.stream().map(CallContext.Picked::candidate).toList(),
                    config.pathsPerDrug(), config.maxPathLength(), config.pathOptions(), needs, student);
            List<RecommendResult> rows = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                Explainer.Explanation explanation = explanations.get(i);
                rows.add(new RecommendResult(i + 1, call.output(picked.get(i).node()), picked.get(i).score(),
                        needs.paths() ? call.paths(explanation.paths()) : null,
                        explanation.rationale(),
                        needs.evidence() ? CallContext.evidence(explanation.example(), explanation.evidence())
                                : null));
            }
            call.log.debug("kedrec.recommend :: Finished %s in %d ms", disease.id(),
                    (System.nanoTime() - start) / 1_000_000);
            return rows;
        }
    }
}
