package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Path;
import org.neo4j.procedure.Description;

/** One row of {@code kedrec.explain}: one explanation path, with the pair's rationale and evidence. */
public final class ExplainResult {
    @Description(Constants.PATH)
    public final Path path;

    @Description(Constants.METAPATH)
    public final String metapath;

    @Description(Constants.PATH_KIND)
    public final String kind;

    @Description(Constants.PATH_SCORE)
    public final double score;

    @Description(Constants.MODEL_SCORE)
    public final double modelScore;

    @Description(Constants.RATIONALE)
    public final String rationale;

    @Description(Constants.EVIDENCE)
    public final List<Map<String, Object>> evidence;

    public ExplainResult(Path path, String metapath, String kind, double score, double modelScore, String rationale,
            List<Map<String, Object>> evidence) {
        this.path = path;
        this.metapath = metapath;
        this.kind = kind;
        this.score = score;
        this.modelScore = modelScore;
        this.rationale = rationale;
        this.evidence = evidence;
    }
}
