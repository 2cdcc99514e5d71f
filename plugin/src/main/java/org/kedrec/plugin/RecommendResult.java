package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.procedure.Description;

/** One row of {@code kedrec.recommend}. */
public final class RecommendResult {
    @Description(Constants.RANK)
    public final long rank;

    @Description(Constants.DRUG_NODE)
    public final Node drug;

    @Description(Constants.SCORE)
    public final double score;

    @Description(Constants.PATHS)
    public final List<Path> paths;

    @Description(Constants.RATIONALE)
    public final String rationale;

    @Description(Constants.EVIDENCE)
    public final List<Map<String, Object>> evidence;

    public RecommendResult(long rank, Node drug, double score, List<Path> paths, String rationale,
            List<Map<String, Object>> evidence) {
        this.rank = rank;
        this.drug = drug;
        this.score = score;
        this.paths = paths;
        this.rationale = rationale;
        this.evidence = evidence;
    }
}
