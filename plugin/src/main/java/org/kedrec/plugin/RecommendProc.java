package org.kedrec.plugin;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.NotThreadSafe;
import org.neo4j.procedure.Procedure;

/** {@code CALL kedrec.recommend('hypertension')}: ranked drugs with paths, evidence and a rationale. */
public final class RecommendProc extends KedrecProcedure {
    @NotThreadSafe
    @Procedure(name = "kedrec.recommend", mode = Mode.READ)
    @Description(Constants.RECOMMEND)
    public Stream<RecommendResult> recommend(
            @Name(value = "disease", description = Constants.DISEASE_ARG) String disease,
            @Name(value = "config", defaultValue = "{}", description = Constants.RECOMMEND_CONFIG)
                    Map<String, Object> config) {
        return RecommendCall.run(call(), disease, config, yielded()).stream();
    }
}
