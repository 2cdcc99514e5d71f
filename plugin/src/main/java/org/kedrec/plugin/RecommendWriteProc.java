package org.kedrec.plugin;

import java.util.Map;
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

/** {@code CALL kedrec.recommend.write({k: 10})}: predictions as relationships, for BI tools. */
public final class RecommendWriteProc {
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
    @Procedure(name = "kedrec.recommend.write", mode = Mode.WRITE)
    @Description(Constants.WRITE)
    public Stream<WriteResult> write(
            @Name(value = "config", defaultValue = "{}", description = Constants.WRITE_CONFIG)
                    Map<String, Object> config) {
        return Stream.of(new KedrecCalls(tx, models, terminationGuard, log, callContext.databaseName()).write(config));
    }
}
