package org.kedrec.plugin;

import org.kedrec.core.ids.EntityKind;
import org.neo4j.graphdb.Node;

/** {@code kedrec.score}: the default model's score of one (disease, drug) pair. */
final class ScoreCall {
    private ScoreCall() {}

    static double run(CallContext call, String diseaseInput, String drugInput) {
        try (ModelService.ModelLease lease = call.acquire(null)) {
            LoadedModel model = lease.model();
            // Both found before either is checked against the model, as kedrec.explain does.
            Node disease = call.found(EntityKind.DISEASE, diseaseInput);
            Node drug = call.found(EntityKind.DRUG, drugInput);
            return model.ranker().score(call.known(model, EntityKind.DISEASE, disease).id(),
                    call.known(model, EntityKind.DRUG, drug).id());
        }
    }
}
