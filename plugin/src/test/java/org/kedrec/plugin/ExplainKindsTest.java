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
        if (throughPharmacokineticProtein(path)) {
            return "pharmacokinetic";   // whatever the rest of the path: the drug's own edge decides
        }
        if (inner.stream().anyMatch(n -> n.hasLabel("Trial") || n.hasLabel("Publication"))) {
            return "clinical";
        }
        Relationship fromDrug = rels.get(rels.size() - 1);
        Node nextToDrug = nodes.get(nodes.size() - 2);
        boolean throughTarget = TARGET_TYPES.contains(fromDrug.type()) && nextToDrug.hasLabel("Gene");
        boolean biologyOnly = inner.stream().allMatch(n -> BIOLOGY.stream().anyMatch(n::hasLabel));
        if (throughTarget && biologyOnly) {
            return "mechanism";
        }
        return "similarity";
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
                // ... and pharmacokinetic paths last
                int firstPk = sequence.indexOf("pharmacokinetic");
                assertThat(firstPk < 0 || sequence.subList(firstPk, sequence.size()).stream()
                        .allMatch("pharmacokinetic"::equals)).as(sequence.toString()).isTrue();
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
    void pathsThroughTheEnzymesAndTransportersADrugBindsArePharmacokineticAndComeLast() {
        int moved = 0;
        int pairs = 0;
        int pharmacokineticPaths = 0;
        int throughAnotherDrug = 0;
        // every disease with every drug that binds a gene only as a pharmacokinetic protein
        for (Record pair : db.run("MATCH (c:Drug)-[b:BINDS]->(:Gene) WHERE size(b.sources) > 0 AND all(s IN b.sources "
                + "WHERE s IN ['DrugBank (enzyme)', 'DrugBank (transporter)', 'DrugBank (carrier)']) "
                + "WITH DISTINCT c MATCH (d:Disease) RETURN c.id AS c, d.id AS d ORDER BY d, c")) {
            String drug = pair.get("c").asString();
            String disease = pair.get("d").asString();
            List<Record> ordered = explain(disease, drug, "{paths: 20}").stream()
                    .filter(r -> !r.get("path").isNull()).toList();
            List<String> kinds = ordered.stream().map(r -> r.get("kind").asString()).toList();
            for (Record row : ordered) {
                // the kind says what the edges say: a mechanism path never runs through such a protein
                assertThat(row.get("kind").asString()).as("%s for %s", drug, disease)
                        .isEqualTo(kindOf(row.get("path").asPath()));
                pharmacokineticPaths += row.get("kind").asString().equals("pharmacokinetic") ? 1 : 0;
                // a drug sharing a transporter with one that treats the disease is no similarity either
                List<Node> nodes = new ArrayList<>();
                row.get("path").asPath().nodes().forEach(nodes::add);
                throughAnotherDrug += row.get("kind").asString().equals("pharmacokinetic")
                        && nodes.subList(1, nodes.size() - 1).stream().anyMatch(n -> n.hasLabel("Drug")) ? 1 : 0;
            }
            int firstPk = kinds.indexOf("pharmacokinetic");
            assertThat(firstPk < 0 || kinds.subList(firstPk, kinds.size()).stream()
                    .allMatch("pharmacokinetic"::equals)).as("%s for %s: %s", drug, disease, kinds).isTrue();
            // pairs where the database order has a pharmacokinetic path before a path of another kind
            List<String> database = explain(disease, drug, "{paths: 20, order: 'database'}").stream()
                    .filter(r -> !r.get("path").isNull()).map(r -> r.get("kind").asString()).toList();
            int databasePk = database.indexOf("pharmacokinetic");
            moved += databasePk >= 0 && database.subList(databasePk, database.size()).stream()
                    .anyMatch(k -> !k.equals("pharmacokinetic")) ? 1 : 0;
            pairs++;
        }
        assertThat(pairs).isPositive();
        assertThat(pharmacokineticPaths).as("pharmacokinetic paths in the fixture").isPositive();
        assertThat(throughAnotherDrug).as("of them through another drug (CbGbCtD)").isPositive();
        assertThat(moved).as("pairs whose database order has a pharmacokinetic path before another kind").isPositive();
        // a caller asking for mechanisms gets no such path
        for (Record pair : db.run("MATCH (c:Drug)-[b:BINDS]->(:Gene) WHERE all(s IN b.sources WHERE s IN "
                + "['DrugBank (enzyme)', 'DrugBank (transporter)', 'DrugBank (carrier)']) AND size(b.sources) > 0 "
                + "WITH DISTINCT c MATCH (d:Disease) RETURN c.id AS c, d.id AS d ORDER BY d, c LIMIT 40")) {
            for (Record row : explain(pair.get("d").asString(), pair.get("c").asString(),
                    "{paths: 20, kinds: ['mechanism']}")) {
                if (!row.get("path").isNull()) {
                    assertThat(throughPharmacokineticProtein(row.get("path").asPath())).isFalse();
                }
            }
        }
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
                        + "clinical, pharmacokinetic].");
        assertThat(db.failure("CALL kedrec.recommend('hypertension', {kinds: []})")).isEqualTo(RECOMMEND
                + "The value of `kinds` must name at least one path kind, e.g. ['mechanism']. Valid kinds are: "
                + "[mechanism, similarity, clinical, pharmacokinetic]. Leave `kinds` out for all of them.");
        assertThat(db.failure("CALL kedrec.recommend('hypertension', {kinds: 3})")).isEqualTo(RECOMMEND
                + "The value of `kinds` must be of type `List<String>` but was `Integer`.");
        assertThat(db.failure("CALL kedrec.explain('hypertension', 'Ramipril', {ordr: 'database'})")).isEqualTo(
                EXPLAIN + "Unexpected configuration key: ordr (Did you mean [order]?)");
    }
}
