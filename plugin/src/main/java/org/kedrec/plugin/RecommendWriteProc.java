package org.kedrec.plugin;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.NotThreadSafe;
import org.neo4j.procedure.Procedure;

/** {@code CALL kedrec.recommend.write({k: 10})}: predictions as relationships, for BI tools. */
public final class RecommendWriteProc extends KedrecProcedure {
    @NotThreadSafe
    @Procedure(name = "kedrec.recommend.write", mode = Mode.WRITE)
    @Description(Constants.WRITE)
    public Stream<WriteResult> write(
            @Name(value = "config", defaultValue = "{}", description = Constants.WRITE_CONFIG)
                    Map<String, Object> config) {
        return Stream.of(RecommendWriteCall.run(call(), config));
    }
}
