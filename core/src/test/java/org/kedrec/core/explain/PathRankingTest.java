package org.kedrec.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kedrec.core.graph.Metapath;

class PathRankingTest {
    /** A path of {@code notation} through {@code ids} (drug first) with the given degree score. */
    private static GraphPath path(String notation, double score, String... ids) {
        Metapath metapath = Metapath.parse(notation);
        List<Boolean> dirs = new ArrayList<>();
        List<Long> degrees = new ArrayList<>();
        for (int i = 0; i < metapath.length(); i++) {
            dirs.add(true);
            degrees.add(1L);
            degrees.add(1L);
        }
        return new GraphPath(metapath.abbreviation(), List.of(ids), List.of(ids), metapath.labels(),
                metapath.types(), dirs, degrees, score);
    }

    private static final GraphPath SIMILAR_DRUG =
            path("Drug-RESEMBLES-Drug-TREATS->Disease", 0.9, "C1", "C2", "D1");
    private static final GraphPath CLASS =
            path("Drug<-INCLUDES-PharmacologicClass-INCLUDES->Drug-TREATS->Disease", 0.5, "C1", "PC1", "C3", "D1");
    private static final GraphPath HUB_GENE =
            path("Drug-BINDS->Gene<-ASSOCIATES-Disease", 0.01, "C1", "G1", "D1");
    private static final GraphPath HUB_GENE_INTERACTION =
            path("Drug-BINDS->Gene-INTERACTS-Gene<-ASSOCIATES-Disease", 0.008, "C1", "G1", "G3", "D1");
    private static final GraphPath OTHER_TARGET =
            path("Drug-BINDS->Gene-INTERACTS-Gene<-ASSOCIATES-Disease", 0.004, "C1", "G2", "G4", "D1");

    private static final List<GraphPath> DATABASE_ORDER =
            List.of(HUB_GENE, HUB_GENE_INTERACTION, OTHER_TARGET, SIMILAR_DRUG, CLASS);
    private static final MetapathWeights FLAT = new MetapathWeights(Map.of());

    @Test
    void mechanismPathsComeFirstEvenWhenSimilarityPathsScoreHigher() {
        List<GraphPath> ranked = PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, PathKinds.ALL, FLAT);
        assertThat(ranked).extracting(GraphPath::kind).containsExactly(PathKind.MECHANISM, PathKind.MECHANISM,
                PathKind.MECHANISM, PathKind.SIMILARITY, PathKind.SIMILARITY);
        assertThat(ranked.get(0)).isEqualTo(HUB_GENE);
        assertThat(ranked.get(3)).isEqualTo(SIMILAR_DRUG);
    }

    @Test
    void pathsThroughAnEnzymeTheDrugOnlyBindsArePharmacokineticAndComeLast() {
        // G1 is C1's metabolising enzyme: its paths score highest, yet the target G2's path leads, the similarity
        // paths follow, and G1's come last, labelled pharmacokinetic
        BindingRoles roles = BindingRoles.of(Map.of("C1", Map.of("G1", "enzyme")));
        List<GraphPath> ranked = PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, PathKinds.ALL, FLAT, roles);
        assertThat(ranked).extracting(GraphPath::ids).containsExactly(OTHER_TARGET.ids(), SIMILAR_DRUG.ids(),
                CLASS.ids(), HUB_GENE.ids(), HUB_GENE_INTERACTION.ids());
        assertThat(ranked).extracting(GraphPath::kind).containsExactly(PathKind.MECHANISM, PathKind.SIMILARITY,
                PathKind.SIMILARITY, PathKind.PHARMACOKINETIC, PathKind.PHARMACOKINETIC);
        // the enzyme of another drug, or an upstream gene that is not the drug's first hop, changes nothing
        assertThat(PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, PathKinds.ALL, FLAT,
                BindingRoles.of(Map.of("C2", Map.of("G1", "transporter"), "C1", Map.of("G3", "enzyme")))))
                .isEqualTo(PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, PathKinds.ALL, FLAT));
        // the other orders keep their order but say the kind, and a caller asking for mechanisms gets no enzyme
        assertThat(PathRanking.rank(DATABASE_ORDER, 2, PathOrder.DATABASE, PathKinds.ALL, FLAT, roles))
                .extracting(GraphPath::kind).containsExactly(PathKind.PHARMACOKINETIC, PathKind.PHARMACOKINETIC);
        assertThat(PathRanking.rank(DATABASE_ORDER, 2, PathOrder.PATH_COUNT, PathKinds.ALL, FLAT, roles))
                .containsExactly(SIMILAR_DRUG, CLASS);
        assertThat(PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, Set.of(PathKind.MECHANISM), FLAT, roles))
                .containsExactly(OTHER_TARGET);
        assertThat(PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, Set.of(PathKind.PHARMACOKINETIC), FLAT,
                roles)).extracting(GraphPath::ids).containsExactly(HUB_GENE.ids(), HUB_GENE_INTERACTION.ids());
    }

    @Test
    void theStudentsPromptPicksPharmacokineticPathsOnlyAfterTheOthers() {
        // four paths, one per metapath first: in score order G1's enzyme path (0.01) beats the target G2's (0.004);
        // with the roles read and pharmacokineticLast, the target's path is picked first and the enzyme's fill up
        BindingRoles roles = BindingRoles.of(Map.of("C1", Map.of("G1", "enzyme")));
        assertThat(PathRanking.rank(DATABASE_ORDER, 4, PathOrder.PATH_COUNT, PathKinds.ALL, FLAT, roles, 1, false))
                .extracting(GraphPath::ids).containsExactly(SIMILAR_DRUG.ids(), CLASS.ids(), HUB_GENE.ids(),
                        HUB_GENE_INTERACTION.ids());
        List<GraphPath> prompt = PathRanking.rank(DATABASE_ORDER, 4, PathOrder.PATH_COUNT, PathKinds.ALL, FLAT, roles,
                1, true);
        assertThat(prompt).extracting(GraphPath::ids).containsExactly(SIMILAR_DRUG.ids(), CLASS.ids(),
                OTHER_TARGET.ids(), HUB_GENE.ids());
        assertThat(prompt.get(3).kind()).isEqualTo(PathKind.PHARMACOKINETIC);
        // without roles the flag changes nothing
        assertThat(PathSelector.select(DATABASE_ORDER, 4, 1, true))
                .isEqualTo(PathSelector.select(DATABASE_ORDER, 4, 1));
    }

    @Test
    void onlyDrugBanksOwnEnzymeTransporterAndCarrierListsMakeABindingPharmacokinetic() {
        assertThat(BindingRoles.pharmacokineticOnly(List.of("DrugBank (enzyme)"))).isTrue();
        assertThat(BindingRoles.pharmacokineticOnly(List.of("DrugBank (transporter)", "DrugBank (carrier)"))).isTrue();
        assertThat(BindingRoles.pharmacokineticOnly(List.of("DrugBank (enzyme)", "DrugBank (target)"))).isFalse();
        assertThat(BindingRoles.pharmacokineticOnly(List.of("DrugBank (enzyme)", "ChEMBL"))).isFalse();
        assertThat(BindingRoles.pharmacokineticOnly(List.of())).isFalse();
        assertThat(BindingRoles.pharmacokineticOnly(null)).isFalse();
    }

    @Test
    void theBaselineOrdersByDegreeScoreAndTheDatabaseOrderKeepsRows() {
        assertThat(PathRanking.rank(DATABASE_ORDER, 2, PathOrder.PATH_COUNT, PathKinds.ALL, FLAT))
                .containsExactly(SIMILAR_DRUG, CLASS);
        assertThat(PathRanking.rank(DATABASE_ORDER, 2, PathOrder.DATABASE, PathKinds.ALL, FLAT))
                .containsExactly(HUB_GENE, HUB_GENE_INTERACTION);
    }

    @Test
    void aSecondPathThroughTheSameGeneYieldsToAnotherTarget() {
        List<GraphPath> ranked = PathRanking.rank(DATABASE_ORDER, 2, PathOrder.MECHANISM,
                Set.of(PathKind.MECHANISM), FLAT);
        // G1's interaction path scores twice OTHER_TARGET's, less than the penalty for passing through G1 again.
        assertThat(ranked).containsExactly(HUB_GENE, OTHER_TARGET);
    }

    @Test
    void calibratedWeightsReorderWithinAKind() {
        MetapathWeights weights = new MetapathWeights(Map.of("CbGiGaD", 3.0));
        List<GraphPath> ranked = PathRanking.rank(DATABASE_ORDER, 1, PathOrder.MECHANISM, PathKinds.ALL, weights);
        assertThat(ranked).containsExactly(HUB_GENE_INTERACTION);
    }

    @Test
    void kindsRestrictWhatIsReturned() {
        assertThat(PathRanking.rank(DATABASE_ORDER, 5, PathOrder.MECHANISM, Set.of(PathKind.SIMILARITY), FLAT))
                .containsExactly(SIMILAR_DRUG, CLASS);
        assertThat(PathRanking.rank(DATABASE_ORDER, 5, PathOrder.PATH_COUNT, Set.of(PathKind.CLINICAL), FLAT))
                .isEmpty();
    }

    @Test
    void kindsAndOrderKeysTeach() {
        assertThat(PathKinds.of(List.of("Mechanism", "similarity")))
                .containsExactlyInAnyOrder(PathKind.MECHANISM, PathKind.SIMILARITY);
        assertThat(PathKinds.of(null)).isEqualTo(PathKinds.ALL);
        assertThatThrownBy(() -> PathKinds.of(List.of("mechanism", "guilt")))
                .hasMessage("Invalid value in `kinds`: `guilt`. Valid kinds are: [mechanism, similarity, clinical, "
                        + "pharmacokinetic].");
        assertThatThrownBy(() -> PathKinds.of(List.of()))
                .hasMessage("The value of `kinds` must name at least one path kind, e.g. ['mechanism']. Valid kinds "
                        + "are: [mechanism, similarity, clinical, pharmacokinetic]. Leave `kinds` out for all of "
                        + "them.");
        assertThat(PathOrder.of("PATHCOUNT")).isEqualTo(PathOrder.PATH_COUNT);
        assertThatThrownBy(() -> PathOrder.of("random"))
                .hasMessage("Invalid value for `order`: `random`. Valid values are: [mechanism, pathCount, database].");
    }

    @Test
    void theShippedWeightsCoverEveryMetapathOfTheCatalogue() {
        MetapathWeights shipped = MetapathWeights.shipped();
        for (Metapath metapath : org.kedrec.core.serving.Explainer.metapaths(4)) {
            assertThat(shipped.asMap()).as(metapath.abbreviation()).containsKey(metapath.abbreviation());
        }
    }

    @Test
    void weightsAreReadFromTheirTable() throws Exception {
        String table = "metapath\tpositives\tnegatives\tweight\nCbGaD\t10\t1\t1.5\n";
        MetapathWeights weights = MetapathWeights.read(
                new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), "t.tsv");
        assertThat(weights.weight("CbGaD")).isEqualTo(1.5);
        assertThat(weights.weight("CrCtD")).isZero();
        assertThat(MetapathWeights.logOdds(9, 10, 0, 10)).isCloseTo(Math.log((10.0 / 12) / (1.0 / 12)),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThatThrownBy(() -> MetapathWeights.read(
                new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)), "t.tsv"))
                .hasMessageContaining("t.tsv must start with the header");
    }
}
