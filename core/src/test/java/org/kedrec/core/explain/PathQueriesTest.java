package org.kedrec.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.graph.Metapaths;

class PathQueriesTest {
    @Test
    void aBranchBindsBothEndsAndCountsPlainDegrees() {
        String branch = PathQueries.branch(Metapaths.byAbbreviation("CbGaD"));
        assertThat(branch).isEqualTo("""
                  MATCH (n0)-[r1:BINDS]->(n1:Gene)<-[r2:ASSOCIATES]-(d)
                  WITH n0, d, n1, [true, false] AS dirs,
                       COUNT { (n0)-[:BINDS]->() } AS g0,
                       COUNT { (n1)<-[:BINDS]-() } AS g1,
                       COUNT { (n1)<-[:ASSOCIATES]-() } AS g2,
                       COUNT { (d)-[:ASSOCIATES]->() } AS g3
                  WITH n0, d, n1, dirs, [n0.id, n1.id, d.id] AS ids, [g0, g1, g2, g3] AS degrees, \
                (g0 * g1) ^ (-$w) * (g2 * g3) ^ (-$w) AS score
                  ORDER BY score DESC, ids LIMIT $perMetapath
                  RETURN 'CbGaD' AS metapath, ids, [n0.name, n1.name, d.name] AS names, dirs, degrees, score""");
    }

    @Test
    void treatsStepsExcludeHeldOutAndOwnEdgesAndPathsStaySimple() {
        String branch = PathQueries.branch(Metapaths.byAbbreviation("CbGbCtD"));
        assertThat(branch)
                .contains("MATCH (n0)-[r1:BINDS]->(n1:Gene)<-[r2:BINDS]-(n2:Drug)-[r3:TREATS]->(d)\n"
                        + "  USING JOIN ON n1\n")
                .contains("WHERE n0 <> n2 AND NOT n2.id + '|' + d.id IN $heldOut "
                        + "AND n2.id + '|' + d.id <> coalesce(pair.exclude, '')");
        assertThat(PathQueries.branch(Metapaths.byAbbreviation("CtDrD")))
                .contains("WHERE n1 <> d AND NOT n0.id + '|' + n1.id IN $heldOut")
                .contains("[true, startNode(r2) = n1] AS dirs")
                .contains("COUNT { (n1)-[:RESEMBLES]-() } AS g2");
    }

    @Test
    void geneDegreesOfSharedTypesNameTheOtherLabel() {
        String branch = PathQueries.branch(Metapaths.byAbbreviation("CuGdD"));
        assertThat(branch)
                .contains("COUNT { (n0)-[:UPREGULATES]->() } AS g0")
                .contains("COUNT { (n1)<-[:UPREGULATES]-(:Drug) } AS g1")
                .contains("COUNT { (n1)<-[:DOWNREGULATES]-(:Disease) } AS g2")
                .contains("COUNT { (d)-[:DOWNREGULATES]->() } AS g3");
        assertThat(PathQueries.branch(Metapaths.byAbbreviation("CcSEcCtD")))
                .contains("COUNT { (n0)-[:CAUSES]->(:SideEffect) } AS g0")
                .contains("COUNT { (n1)<-[:CAUSES]-() } AS g1")
                .contains("COUNT { (n2)-[:CAUSES]->(:SideEffect) } AS g3");
    }

    @Test
    void theFullQueryUnionsEveryMetapathOverABatchOfPairs() {
        String query = PathQueries.DEFAULT;
        assertThat(query).startsWith("""
                UNWIND $pairs AS pair
                MATCH (n0:Drug {id: pair.drug}), (d:Disease {id: pair.disease})
                CALL (n0, d, pair) {
                """);
        assertThat(query).endsWith("RETURN pair.key AS key, metapath, ids, names, dirs, degrees, score");
        assertThat(query.split("UNION ALL", -1)).hasSize(Metapaths.DEFAULT.size());
        assertThat(PathQueries.pathsQuery(List.of(Metapaths.PATHWAY))).doesNotContain("UNION ALL")
                .contains("USING JOIN ON n2");
    }
}
