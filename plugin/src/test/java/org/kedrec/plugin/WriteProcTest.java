package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Record;

/** {@code kedrec.recommend.write}: predictions as relationships, replaced per model on every run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteProcTest {
    private final TestDb db = TestDb.get();

    @AfterEach
    void removePredictions() {
        db.run("MATCH ()-[r:PREDICTED_TREATS]->() DELETE r");
        db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.MODEL));
    }

    private Record write(String config) {
        return db.run("CALL kedrec.recommend.write(" + config + ") YIELD diseases, skipped, relationshipsDeleted, "
                + "relationshipsCreated, model, version, millis RETURN *").get(0);
    }

    @Test
    void writesTheTopKOfTheListedDiseasesAsRecommendReturnsThem() {
        Record result = write("{k: 3, diseases: ['hypertension', 'DOID:1115']}");
        assertThat(result.get("diseases").asLong()).isEqualTo(2);
        assertThat(result.get("relationshipsCreated").asLong()).isEqualTo(6);
        assertThat(result.get("relationshipsDeleted").asLong()).isZero();
        assertThat(result.get("model").asString()).isEqualTo(TestDb.MODEL);
        assertThat(result.get("version").asString()).isEqualTo("test");

        List<Record> written = db.run("""
                MATCH (c:Drug)-[r:PREDICTED_TREATS]->(d:Disease {id: 'DOID:10763'})
                RETURN c.id AS drug, r.rank AS rank, r.score AS score, r.model AS model, r.version AS version,
                       r.trainedAt AS trainedAt ORDER BY rank""");
        List<Record> recommended = db.run("CALL kedrec.recommend('DOID:10763', {k: 3}) YIELD rank, drug, score "
                + "RETURN rank, drug.id AS drug, score");
        assertThat(written).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(written.get(i).get("rank").asLong()).isEqualTo(i + 1);
            assertThat(written.get(i).get("drug").asString()).isEqualTo(recommended.get(i).get("drug").asString());
            assertThat(written.get(i).get("score").asDouble())
                    .isCloseTo(recommended.get(i).get("score").asDouble(), within(1e-12));
            assertThat(written.get(i).get("model").asString()).isEqualTo(TestDb.MODEL);
            assertThat(written.get(i).get("trainedAt").asString()).matches("\\d{4}-.*Z");
        }
        // Known treatments are not predicted.
        assertThat(db.run("MATCH (c)-[:PREDICTED_TREATS]->(d) WHERE (c)-[:TREATS]->(d) RETURN count(*) AS n")
                .get(0).get("n").asLong()).isZero();
    }

    @Test
    void reRunningReplacesThePredictionsOfTheSameModelOnly() {
        write("{k: 2, diseases: ['hypertension']}");
        db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.RANKER_ONLY));
        write("{k: 4, diseases: ['hypertension']}");
        db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.MODEL));
        Record again = write("{k: 2, diseases: ['hypertension']}");
        assertThat(again.get("relationshipsDeleted").asLong()).isEqualTo(2);
        assertThat(again.get("relationshipsCreated").asLong()).isEqualTo(2);
        assertThat(db.run("MATCH ()-[r:PREDICTED_TREATS]->() RETURN r.model AS model, count(*) AS n ORDER BY model")
                .stream().map(r -> r.get("model").asString() + "=" + r.get("n").asLong()).toList())
                .containsExactly(TestDb.MODEL + "=2", TestDb.RANKER_ONLY + "=4");
    }

    @Test
    void writesEveryDiseaseByDefault() {
        long diseases = db.run("MATCH (d:Disease) RETURN count(d) AS n").get(0).get("n").asLong();
        Record result = write("{k: 1, batchSize: 7}");
        assertThat(result.get("diseases").asLong() + result.get("skipped").asLong()).isEqualTo(diseases);
        assertThat(result.get("skipped").asLong()).isZero();
        assertThat(db.run("MATCH (d:Disease) WHERE NOT ()-[:PREDICTED_TREATS]->(d) RETURN count(d) AS n").get(0)
                .get("n").asLong()).isZero();
        assertThat(db.run("MATCH ()-[r:PREDICTED_TREATS]->() RETURN count(r) AS n").get(0).get("n").asLong())
                .isEqualTo(diseases);
    }
}
