package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.serving.Explainer;
import org.kedrec.core.serving.RationaleMode;
import org.neo4j.graphdb.Node;

/** {@code kedrec.explain}: the paths, evidence and rationale of one (disease, drug) pair, a row per path. */
final class ExplainCall {
    private ExplainCall() {}

    static List<ExplainResult> run(CallContext call, String diseaseInput, String drugInput,
            Map<String, Object> configMap, Set<String> fields) {
        ExplainConfig config = ExplainConfig.of(configMap);
        try (ModelService.ModelLease lease = call.acquire(config.model())) {
            LoadedModel model = lease.model();
            // Both found before either is checked against the model: a misspelt drug is named first.
            Node diseaseNode = call.found(EntityKind.DISEASE, diseaseInput);
            Node drugNode = call.found(EntityKind.DRUG, drugInput);
            CallContext.Entity disease = call.known(model, EntityKind.DISEASE, diseaseNode);
            CallContext.Entity drug = call.known(model, EntityKind.DRUG, drugNode);
            double modelScore = model.ranker().score(disease.id(), drug.id());
            Explainer.Needs needs = new Explainer.Needs(true, fields.contains("evidence"),
                    fields.contains("rationale") ? config.rationale() : RationaleMode.NONE);
            StudentModel student = needs.rationale() == RationaleMode.STUDENT ? model.requireStudent() : null;
            Explainer.Explanation explanation = call.explainer().explainEach(disease.id(), disease.name(),
                    List.of(drug.candidate()), config.paths(), config.maxPathLength(), config.pathOptions(), needs,
                    student).get(0);
            List<Map<String, Object>> evidence =
                    needs.evidence() ? CallContext.evidence(explanation.example(), explanation.evidence()) : null;
            List<ExplainResult> rows = new ArrayList<>();
            for (GraphPath path : explanation.paths()) {
                rows.add(new ExplainResult(fields.contains("path") ? call.path(path) : null,
                        path.metapath(), path.kind().key(), path.score(), modelScore, explanation.rationale(),
                        evidence));
            }
            if (rows.isEmpty()) {
                rows.add(new ExplainResult(null, null, null, 0.0, modelScore, explanation.rationale(), evidence));
            }
            return rows;
        }
    }
}
