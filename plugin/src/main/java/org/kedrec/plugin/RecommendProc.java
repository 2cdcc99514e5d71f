package org.kedrec.plugin;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.procs.ProcedureCallContext;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.NotThreadSafe;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code CALL kedrec.recommend('hypertension')}: ranked drugs with paths, evidence and a rationale. */
public final class RecommendProc {
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

    @NotThreadSafe
    @Procedure(name = "kedrec.recommend", mode = Mode.READ)
    @Description(Constants.RECOMMEND)
    public Stream<RecommendResult> recommend(
            @Name(value = "disease", description = Constants.DISEASE_ARG) String disease,
            @Name(value = "config", defaultValue = "{}", description = Constants.RECOMMEND_CONFIG)
                    Map<String, Object> config) {
        return calls().recommend(disease, config, fields(callContext)).stream();
    }

    private KedrecCalls calls() {
        return new KedrecCalls(tx, models, terminationGuard, log, callContext.databaseName());
    }

    /** The columns the caller YIELDs (all of them for a standalone CALL without YIELD). */
    static Set<String> fields(ProcedureCallContext context) {
        return context.outputFields().collect(Collectors.toSet());
    }
}
