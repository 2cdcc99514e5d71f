package org.kedrec.plugin;

import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.procs.ProcedureCallContext;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.TerminationGuard;
import org.neo4j.procedure.UserFunction;

/** {@code RETURN kedrec.score('hypertension', 'Amlodipine')}: the model's score of one pair. */
public final class ScoreFunction {
    @Context
    public Transaction tx;

    @Context
    public ModelService models;

    @Context
    public ProcedureCallContext callContext;

    @Context
    public TerminationGuard terminationGuard;

    @Context
    public Log log;

    @UserFunction(name = "kedrec.score")
    @Description(Constants.SCORE_FUNCTION)
    public Double score(
            @Name(value = "disease", description = Constants.DISEASE_ARG) String disease,
            @Name(value = "drug", description = Constants.DRUG_ARG) String drug) {
        return new KedrecCalls(tx, models, terminationGuard, log, callContext.databaseName()).score(disease, drug);
    }
}
