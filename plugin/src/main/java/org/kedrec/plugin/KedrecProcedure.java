package org.kedrec.plugin;

import java.util.Set;
import java.util.stream.Collectors;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.procs.ProcedureCallContext;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.TerminationGuard;

/**
 * The call context every KEDRec procedure and function over the graph shares: the same five injected components
 * and one way to build the {@link CallContext} a call runs on. Neo4j injects {@code @Context} fields of superclasses
 * too (they must stay public and non-final), so each procedure class holds only its signature.
 */
public abstract class KedrecProcedure {
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

    /** This invocation's context, in its transaction and database. */
    CallContext call() {
        return new CallContext(tx, models, terminationGuard, log, callContext.databaseName());
    }

    /** The columns the caller YIELDs (all of them for a standalone CALL without YIELD). */
    Set<String> yielded() {
        return callContext.outputFields().collect(Collectors.toSet());
    }
}
