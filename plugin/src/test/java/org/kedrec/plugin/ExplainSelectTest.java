package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Record;
import org.neo4j.driver.types.Path;

/** {@code kedrec.explain}, {@code kedrec.select} and {@code kedrec.score} on the fixture graph. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainSelectTest {
    private final TestDb db = TestDb.get();

    @Test
    void explainGivesOneRowPerPathFromTheDiseaseToTheDrugWithThePairsRationale() {
        List<Record> rows = db.run("""
                CALL kedrec.explain('hypertension', 'Ramipril', {paths: 4, order: 'pathCount'})
                YIELD path, metapath, score, modelScore, rationale, evidence
                RETURN path, metapath, score, modelScore, rationale, evidence""");
        assertThat(rows).hasSize(4);
        double previous = Double.MAX_VALUE;
        for (Record row : rows) {
            Path path = row.get("path").asPath();
            assertThat(path.start().get("id").asString()).isEqualTo("DOID:10763");
            assertThat(path.end().get("name").asString()).isEqualTo("Ramipril");
            assertThat(row.get("metapath").asString()).matches("C.*D");
            assertThat(row.get("score").asDouble()).isPositive().isLessThanOrEqualTo(previous);
            previous = row.get("score").asDouble();
            assertThat(row.get("rationale").asString()).isEqualTo(rows.get(0).get("rationale").asString());
            assertThat(row.get("evidence").asList()).isEqualTo(rows.get(0).get("evidence").asList());
        }
        double score = db.run("RETURN kedrec.score('hypertension', 'Ramipril') AS s").get(0).get("s").asDouble();
        assertThat(rows.get(0).get("modelScore").asDouble()).isCloseTo(score, within(1e-12));
        assertThat(rows.get(0).get("rationale").asString()).startsWith("Ramipril. Ramipril ")
                .contains("hypertension", "[E1]", "NCT");
    }

    @Test
    void explainWithoutAnyPathStillGivesTheRationaleAndEvidence() {
        List<Record> rows = db.run("""
                CALL kedrec.explain('nicotine dependence', 'Varenicline')
                YIELD path, metapath, score, rationale, evidence
                RETURN path, metapath, score, rationale, evidence""");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("path").isNull()).isTrue();
        assertThat(rows.get(0).get("metapath").isNull()).isTrue();
        assertThat(rows.get(0).get("score").asDouble()).isZero();
        assertThat(rows.get(0).get("rationale").asString()).startsWith("Varenicline.");
    }

    @Test
    void selectWithTheStudentGivesProbabilitiesThatSumToOneAndOneRationale() {
        List<Record> rows = db.run("""
                CALL kedrec.select('sarcoma', ['Doxorubicin', 'Varenicline', 'DrugBank:DB00445'])
                YIELD drug, probability, selected, rationale, selectedBy
                RETURN drug.name AS drug, probability, selected, rationale, selectedBy""");
        assertThat(rows).extracting(r -> r.get("drug").asString())
                .containsExactly("Doxorubicin", "Varenicline", "Epirubicin");
        assertThat(rows.stream().mapToDouble(r -> r.get("probability").asDouble()).sum()).isCloseTo(1.0, within(1e-6));
        assertThat(rows.stream().filter(r -> r.get("selected").asBoolean())).hasSize(1);
        for (Record row : rows) {
            assertThat(row.get("selectedBy").asString()).isEqualTo("student");
            assertThat(row.get("rationale").isNull()).isEqualTo(!row.get("selected").asBoolean());
        }
        Record chosen = rows.stream().filter(r -> r.get("selected").asBoolean()).findFirst().orElseThrow();
        assertThat(chosen.get("probability").asDouble())
                .isEqualTo(rows.stream().mapToDouble(r -> r.get("probability").asDouble()).max().orElseThrow());
        assertThat(chosen.get("rationale").asString()).startsWith(chosen.get("drug").asString());
    }

    @Test
    void withoutAStudentTheRankerSelectsAndSaysSo() {
        db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.RANKER_ONLY));
        try {
            List<Record> rows = db.run("""
                    CALL kedrec.select('sarcoma', ['Doxorubicin', 'Varenicline', 'Epirubicin'])
                    YIELD drug, probability, selected, rationale, selectedBy
                    RETURN drug.name AS drug, probability, selected, rationale, selectedBy,
                           kedrec.score('sarcoma', drug.id) AS score""");
            assertThat(rows).allSatisfy(r -> assertThat(r.get("selectedBy").asString()).isEqualTo("ranker"));
            assertThat(rows.stream().mapToDouble(r -> r.get("probability").asDouble()).sum())
                    .isCloseTo(1.0, within(1e-9));
            Record best = rows.stream().max((a, b) -> Double.compare(a.get("score").asDouble(),
                    b.get("score").asDouble())).orElseThrow();
            assertThat(best.get("selected").asBoolean()).isTrue();
            // The evidence teacher explains the ranker's choice and contrasts the others.
            assertThat(best.get("rationale").asString()).startsWith(best.get("drug").asString() + ".");
            String message = db.failure("CALL kedrec.select('sarcoma', ['Doxorubicin', 'Varenicline'], "
                    + "{rationale: 'student'})");
            assertThat(message).isEqualTo(TestDb.badInput("kedrec.select") + "`rationale: 'student'` needs the "
                    + "model's student, but model `ranker-only` has none. The model has no student (its folder "
                    + "`student` is missing). Train one with `kedrec train student --model <the model folder>`. Use "
                    + "`rationale: 'teacher'` meanwhile.");
        } finally {
            db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.MODEL));
        }
    }

    @Test
    void aStudentWithARankerWeightSelectsWithTheRankersVoteAndSaysSo() throws Exception {
        // The fixture student with a ranker weight in its tools.json, as `train student --ranker-tool` writes it; 10
        // lets the ranker's log-odds outweigh an untrained-scale likelihood gap between a treatment and a drug for
        // another disease.
        java.nio.file.Path voted = db.modelHome.resolve("student-ranker-vote");
        org.kedrec.core.model.AtomicDirectory.delete(voted);
        org.kedrec.core.model.AtomicDirectory.copy(db.modelHome.resolve(TestDb.MODEL), voted);
        org.kedrec.core.lm.CandidateScorer.markRankerTool(voted.resolve("student"),
                org.kedrec.core.lm.RankerLine.VERDICT, 10);
        db.run("CALL kedrec.model.load($m)", Map.of("m", "student-ranker-vote"));
        try {
            assertThat(db.run("CALL kedrec.model.info() YIELD student RETURN student").get(0).get("student").asMap())
                    .containsEntry("rankerWeight", 10.0);
            List<Record> rows = db.run("""
                    CALL kedrec.select('sarcoma', ['Varenicline', 'Doxorubicin'])
                    YIELD drug, probability, selected, rationale, selectedBy
                    RETURN drug.name AS drug, probability, selected, rationale, selectedBy,
                           kedrec.score('sarcoma', drug.id) AS score""");
            assertThat(rows).allSatisfy(r -> assertThat(r.get("selectedBy").asString()).isEqualTo("student+ranker"));
            assertThat(rows.stream().mapToDouble(r -> r.get("probability").asDouble()).sum())
                    .isCloseTo(1.0, within(1e-6));
            Record chosen = rows.stream().filter(r -> r.get("selected").asBoolean()).findFirst().orElseThrow();
            assertThat(chosen.get("drug").asString()).isEqualTo("Doxorubicin");
            assertThat(chosen.get("score").asDouble()).isGreaterThan(rows.get(0).get("score").asDouble());
            // The student's rationale argues for the chosen drug.
            assertThat(chosen.get("rationale").asString()).startsWith("Doxorubicin.");

            // A student that never trained on sarcoma: no vote on known diseases (weight 0), the ranker's on unseen.
            org.kedrec.core.lm.CandidateScorer.markRankerTool(voted.resolve("student"),
                    org.kedrec.core.lm.RankerLine.VERDICT, 0,
                    new org.kedrec.core.lm.UnseenDiseaseVote(0.05, 10, java.util.Set.of("DOID:none")));
            db.run("CALL kedrec.model.load($m)", Map.of("m", "student-ranker-vote"));
            assertThat(db.run("CALL kedrec.model.info() YIELD student RETURN student.unseenDiseaseVote AS v").get(0)
                    .get("v").asMap()).containsEntry("studentScale", 0.05).containsEntry("trainedDiseases", 1L);
            List<Record> unseen = db.run("""
                    CALL kedrec.select('sarcoma', ['Varenicline', 'Doxorubicin'])
                    YIELD drug, selected, selectedBy
                    RETURN drug.name AS drug, selected, selectedBy""");
            assertThat(unseen).allSatisfy(r -> assertThat(r.get("selectedBy").asString())
                    .isEqualTo("ranker+student (unseen disease)"));
            assertThat(unseen.stream().filter(r -> r.get("selected").asBoolean()).findFirst().orElseThrow()
                    .get("drug").asString()).isEqualTo("Doxorubicin");
        } finally {
            db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.MODEL));
            // Other tests list the model home.
            org.kedrec.core.model.AtomicDirectory.delete(voted);
        }
    }

    @Test
    void selectBuildsThePromptOfTheDatasetTheStudentTrainedOn() throws Exception {
        // The fixture student as if trained on a dataset of one path per candidate and no trial or publication
        // (`dataset build --paths-per-pair 1 --trials-per-pair 0 --publications-per-pair 0`): its prompt.json.
        java.nio.file.Path shaped = db.modelHome.resolve("student-shaped");
        org.kedrec.core.model.AtomicDirectory.delete(shaped);
        org.kedrec.core.model.AtomicDirectory.copy(db.modelHome.resolve(TestDb.MODEL), shaped);
        String call = "CALL kedrec.select('sarcoma', ['Varenicline', 'Doxorubicin'], {rationale: 'teacher'}) "
                + "YIELD drug, rationale WITH drug, rationale WHERE rationale IS NOT NULL RETURN rationale";
        String trained = db.run(call).get(0).get("rationale").asString();
        assertThat(trained).as("the fixture's prompt cites trials").contains("NCT");
        new org.kedrec.core.lm.PromptShape(1, 1, 0, 0, 3, true).write(shaped.resolve("student"));
        db.run("CALL kedrec.model.load($m)", Map.of("m", "student-shaped"));
        try {
            assertThat(db.run("CALL kedrec.model.info() YIELD student RETURN student.prompt AS p").get(0).get("p")
                    .asMap()).isEqualTo(Map.of("pathsPerDrug", 1L, "maxPerMetapath", 1L, "trialsPerDrug", 0L,
                            "publicationsPerDrug", 0L, "maxPathLength", 3L, "pharmacokineticLast", true));
            String shapedRationale = db.run(call).get(0).get("rationale").asString();
            assertThat(shapedRationale).doesNotContain("NCT").doesNotContain("PMID").doesNotContain("[E2]");
            // A caller may still ask for more paths: the evidence then holds them.
            String morePaths = db.run(call.replace("{rationale: 'teacher'}",
                    "{rationale: 'teacher', pathsPerDrug: 3}")).get(0).get("rationale").asString();
            assertThat(morePaths).contains("[E2]").doesNotContain("NCT");

            java.nio.file.Files.writeString(shaped.resolve("student").resolve(org.kedrec.core.lm.PromptShape.FILE),
                    "{\"pathsPerDrug\": 0}");
            // The ranker still serves; the student is refused with the file, the bad value and the fix.
            db.run("CALL kedrec.model.load($m)", Map.of("m", "student-shaped"));
            assertThat(db.run("CALL kedrec.model.info() YIELD student RETURN student.problem AS p").get(0).get("p")
                    .asString()).contains("prompt.json").contains("`pathsPerDrug` must be between 1 and 20 but was 0")
                    .contains("retrain the student");
        } finally {
            db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.MODEL));
            org.kedrec.core.model.AtomicDirectory.delete(shaped);
        }
    }

    @Test
    void selectRefusesTooManyOrRepeatedCandidates() {
        assertThat(db.failure("CALL kedrec.select('sarcoma', ['a','b','c','d','e','f','g','h','i'])")).isEqualTo(
                TestDb.badInput("kedrec.select") + "kedrec.select chooses among 1 to 8 drugs but got 9. Pass a "
                        + "shorter list, or rank any number of drugs with kedrec.recommend.");
        assertThat(db.failure("CALL kedrec.select('sarcoma', ['Doxorubicin', 'doxorubicin'])")).isEqualTo(
                TestDb.badInput("kedrec.select") + "The drug Doxorubicin (DrugBank:DB00997) is listed twice "
                        + "among the candidates (as `doxorubicin`); list each drug once.");
    }

    @Test
    void scoreFindsBothEndsByNameOrXref() {
        double byId = db.run("RETURN kedrec.score('DOID:10763', 'DrugBank:DB00178') AS s").get(0).get("s").asDouble();
        double byName = db.run("RETURN kedrec.score('Hypertension', 'ramipril') AS s").get(0).get("s").asDouble();
        assertThat(byId).isBetween(0.0, 1.0).isEqualTo(byName);
        assertThat(db.failure("RETURN kedrec.score('hypertension', 'Ramiprill')")).isEqualTo(
                "Failed to invoke function `kedrec.score`: Caused by: java.lang.IllegalArgumentException: Unknown "
                        + "drug `Ramiprill`: no Drug has this id, xref or name (names are compared case-insensitively). "
                        + "Did you mean: Ramipril (DrugBank:DB00178)?");
    }
}
