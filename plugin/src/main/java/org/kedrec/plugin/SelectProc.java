package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.NotThreadSafe;
import org.neo4j.procedure.Procedure;

/** {@code CALL kedrec.select('hypertension', ['Amlodipine', 'Warfarin'])}: the paper's selection task. */
public final class SelectProc extends KedrecProcedure {
    @NotThreadSafe
    @Procedure(name = "kedrec.select", mode = Mode.READ)
    @Description(Constants.SELECT)
    public Stream<SelectResult> select(
            @Name(value = "disease", description = Constants.DISEASE_ARG) String disease,
            @Name(value = "drugs", description = Constants.DRUGS_ARG) List<String> drugs,
            @Name(value = "config", defaultValue = "{}", description = Constants.SELECT_CONFIG)
                    Map<String, Object> config) {
        return SelectCall.run(call(), disease, drugs, config, yielded()).stream();
    }
}
