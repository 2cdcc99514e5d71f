package org.kedrec.plugin;

import org.neo4j.procedure.Description;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.UserFunction;

/** {@code RETURN kedrec.score('hypertension', 'Amlodipine')}: the model's score of one pair. */
public final class ScoreFunction extends KedrecProcedure {
    @UserFunction(name = "kedrec.score")
    @Description(Constants.SCORE_FUNCTION)
    public Double score(
            @Name(value = "disease", description = Constants.DISEASE_ARG) String disease,
            @Name(value = "drug", description = Constants.DRUG_ARG) String drug) {
        return ScoreCall.run(call(), disease, drug);
    }
}
