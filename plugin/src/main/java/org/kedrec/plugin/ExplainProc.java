package org.kedrec.plugin;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.NotThreadSafe;
import org.neo4j.procedure.Procedure;

/** {@code CALL kedrec.explain('hypertension', 'Amlodipine')}: why one drug fits one disease. */
public final class ExplainProc extends KedrecProcedure {
    @NotThreadSafe
    @Procedure(name = "kedrec.explain", mode = Mode.READ)
    @Description(Constants.EXPLAIN)
    public Stream<ExplainResult> explain(
            @Name(value = "disease", description = Constants.DISEASE_ARG) String disease,
            @Name(value = "drug", description = Constants.DRUG_ARG) String drug,
            @Name(value = "config", defaultValue = "{}", description = Constants.EXPLAIN_CONFIG)
                    Map<String, Object> config) {
        return ExplainCall.run(call(), disease, drug, config, yielded()).stream();
    }
}
