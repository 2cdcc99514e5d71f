package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;

/** The kind of each explanation path, mechanism-first order and the `order`/`kinds` keys, on the fixture graph. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainKindsTest {
    private static final String EXPLAIN = TestDb.badInput("kedrec.explain");
    private static final String RECOMMEND = TestDb.badInput("kedrec.recommend");
    private static final Set<String> TARGET_TYPES = Set.of("BINDS", "UPREGULATES", "DOWNREGULATES");
    private static final Set<String> BIOLOGY = Set.of("Gene", "Pathway", "BiologicalProcess", "MolecularFunction",
            "CellularComponent", "Anatomy");

    private final TestDb db = TestDb.get();

    /** The kind read off the drawn path itself (disease first, drug last), independently of the plugin's code. */
    private static String kindOf(Path path) {
        List<Node> nodes = new ArrayList<>();
        path.nodes().forEach(nodes::add);
        List<Relationship> rels = new ArrayList<>();
        path.relationships().forEach(rels::add);
        List<Node> inner = nodes.subList(1, nodes.size() - 1);
        if (inner.stream().anyMatch(n -> n.hasLabel("Trial") || n.hasLabel("Publication"))) {
            return "clinical";
        }
        Relationship fromDrug = rels.get(rels.size() - 1);
        Node nextToDrug = nodes.get(nodes.size() - 2);
        boolean throughTarget = TARGET_TYPES.contains(fromDrug.type()) && nextToDrug.hasLabel("Gene");
        boolean biologyOnly = inner.stream().allMatch(n -> BIOLOGY.stream().anyMatch(n::hasLabel));
        return throughTarget && biologyOnly ? "mechanism" : "similarity";
    }

    private List<Record> explain(String disease, String drug, String config) {
        return db.run("CALL kedrec.explain($d, $c, " + config + ") YIELD path, metapath, kind, score "
                + "RETURN path, metapath, kind, score", Map.of("d", disease, "c", drug));
    }

    @Test
    void everyPathCarriesTheKindItsNodesAndRelationshipsShow() {
        int mechanism = 0;
        int similarity = 0;
        for (String drug : List.of("Ramipril", "Eplerenone", "Digoxin", "Sorafenib")) {
            for (Record row : explain("hypertension", drug, "{paths: 20, order: 'database'}")) {
                if (row.get("path").isNull()) {
                    assertThat(row.get("kind").isNull()).isTrue();
                    continue;
                }
                String kind = row.get("kind").asString();
                assertThat(kind).as(row.get("metapath").asString()).isEqualTo(kindOf(row.get("path").asPath()));
                mechanism += kind.equals("mechanism") ? 1 : 0;
                similarity += kind.equals("similarity") ? 1 : 0;
            }
        }
        assertThat(mechanism).as("mechanism paths in the fixture").isPositive();
        assertThat(similarity).as("similarity paths in the fixture").isPositive();
    }

    @Test
    void theFirstPathIsAMechanismWheneverThePairHasOne() {
        int pairsWithBoth = 0;
        for (String disease : List.of("hypertension", "sarcoma", "breast cancer", "epilepsy syndrome")) {
            List<Record> drugs = db.run("CALL kedrec.recommend($d, {k: 10, excludeKnown: false}) YIELD drug "
                    + "RETURN drug.id AS id", Map.of("d", disease));
            for (Record drug : drugs) {
                String id = drug.get("id").asString();
                List<Record> all = explain(disease, id, "{paths: 20, order: 'database'}");
                Set<String> kinds = new java.util.HashSet<>();
                all.stream().filter(r -> !r.get("kind").isNull()).forEach(r -> kinds.add(r.get("kind").asString()));
                List<Record> pathCount = explain(disease, id, "{paths: 5, order: 'pathCount'}");
                List<Record> ordered = explain(disease, id, "{paths: 5}");
                assertThat(ordered).hasSameSizeAs(pathCount);
                if (kinds.contains("mechanism")) {
                    assertThat(ordered.get(0).get("kind").asString()).as(disease + " " + id).isEqualTo("mechanism");
                    if (kinds.contains("similarity")
                            && !pathCount.get(0).get("kind").asString().equals("mechanism")) {
                        pairsWithBoth++;
                    }
                }
                // Kinds come in blocks: never a mechanism path after a similarity path.
                List<String> sequence = ordered.stream().filter(r -> !r.get("kind").isNull())
                        .map(r -> r.get("kind").asString()).toList();
                int lastMechanism = sequence.lastIndexOf("mechanism");
                int firstOther = sequence.indexOf("similarity");
                assertThat(firstOther < 0 || lastMechanism < firstOther).as(sequence.toString()).isTrue();
            }
        }
        assertThat(pairsWithBoth).as("pairs where the baseline puts a similarity path first but a mechanism exists")
                .isPositive();
    }

    /** Whether the drawn path leaves the drug through a binding DrugBank lists only as enzyme, transporter, carrier. */
    private static boolean throughPharmacokineticProtein(Path path) {
        List<Relationship> rels = new ArrayList<>();
        path.relationships().forEach(rels::add);
        Relationship fromDrug = rels.get(rels.size() - 1);
        if (!fromDrug.type().equals("BINDS") || fromDrug.get("sources").isNull()) {
            return false;
        }
        List<String> sources = fromDrug.get("sources").asList(Value::asString);
        return !sources.isEmpty() && Set.of("DrugBank (enzyme)", "DrugBank (transporter)", "DrugBank (carrier)")
                .containsAll(sources);
    }

    @Test
    void withinTheMechanismBlockTheDrugsTargetsComeBeforeTheEnzymesAndTransportersItBinds() {
        int reordered = 0;
        int pairs = 0;
        // every disease with every drug that binds a gene only as a pharmacokinetic protein
        for (Record pair : db.run("MATCH (c:Drug)-[b:BINDS]->(:Gene) WHERE size(b.sources) > 0 AND all(s IN b.sources "
                + "WHERE s IN ['DrugBank (enzyme)', 'DrugBank (transporter)', 'DrugBank (carrier)']) "
                + "WITH DISTINCT c MATCH (d:Disease) RETURN c.id AS c, d.id AS d ORDER BY d, c")) {
            String drug = pair.get("c").asString();
            String disease = pair.get("d").asString();
            List<Record> ordered = explain(disease, drug, "{paths: 20}").stream()
                    .filter(r -> !r.get("path").isNull()).toList();
            List<Boolean> pharmacokinetic = ordered.stream().filter(r -> r.get("kind").asString().equals("mechanism"))
                    .map(r -> throughPharmacokineticProtein(r.get("path").asPath())).toList();
            // within the mechanism block: never a target path after one through a pharmacokinetic protein
            int firstPk = pharmacokinetic.indexOf(true);
            assertThat(firstPk < 0 || !pharmacokinetic.subList(firstPk, pharmacokinetic.size()).contains(false))
                    .as("%s for %s: %s", drug, disease, pharmacokinetic).isTrue();
            List<Record> database = explain(disease, drug, "{paths: 20, order: 'database'}").stream()
                    .filter(r -> !r.get("path").isNull() && r.get("kind").asString().equals("mechanism")).toList();
            boolean both = database.stream().anyMatch(r -> throughPharmacokineticProtein(r.get("path").asPath()))
                    && database.stream().anyMatch(r -> !throughPharmacokineticProtein(r.get("path").asPath()));
            reordered += both ? 1 : 0;
            pairs++;
        }
        assertThat(pairs).isPositive();
        assertThat(reordered).as("pairs with mechanism paths through both a target and a pharmacokinetic protein")
                .isPositive();
    }

    @Test
    void kindsRestrictThePathsAndRecommendEvidenceCarriesThem() {
        List<Record> rows = explain("hypertension", "Ramipril", "{paths: 10, kinds: ['similarity']}");
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.get("kind").asString()).isEqualTo("similarity"));
        List<Record> recommended = db.run("CALL kedrec.recommend('hypertension', {k: 5, kinds: 'mechanism', "
                + "rationale: 'none'}) YIELD paths, evidence RETURN paths, evidence");
        int paths = 0;
        for (Record row : recommended) {
            for (Value path : row.get("paths").values()) {
                assertThat(kindOf(path.asPath())).isEqualTo("mechanism");
                paths++;
            }
            for (Value item : row.get("evidence").values()) {
                if (item.get("kind").asString().equals("path")) {
                    assertThat(item.get("pathKind").asString()).isEqualTo("mechanism");
                }
            }
        }
        assertThat(paths).isPositive();
    }

    @Test
    void badOrderAndKindsTeachTheValidValues() {
        assertThat(db.failure("CALL kedrec.explain('hypertension', 'Ramipril', {order: 'random'})")).isEqualTo(
                EXPLAIN + "Invalid value for `order`: `random`. Valid values are: [mechanism, pathCount, database].");
        assertThat(db.failure("CALL kedrec.explain('hypertension', 'Ramipril', {kinds: ['mechanism', 'guilt']})"))
                .isEqualTo(EXPLAIN + "Invalid value in `kinds`: `guilt`. Valid kinds are: [mechanism, similarity, "
                        + "clinical].");
        assertThat(db.failure("CALL kedrec.recommend('hypertension', {kinds: []})")).isEqualTo(RECOMMEND
                + "The value of `kinds` must name at least one path kind, e.g. ['mechanism']. Valid kinds are: "
                + "[mechanism, similarity, clinical]. Leave `kinds` out for all of them.");
        assertThat(db.failure("CALL kedrec.recommend('hypertension', {kinds: 3})")).isEqualTo(RECOMMEND
                + "The value of `kinds` must be of type `List<String>` but was `Integer`.");
        assertThat(db.failure("CALL kedrec.explain('hypertension', 'Ramipril', {ordr: 'database'})")).isEqualTo(
                EXPLAIN + "Unexpected configuration key: ordr (Did you mean [order]?)");
    }
}
