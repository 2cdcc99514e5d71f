package org.kedrec.plugin;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.core.rationale.EvidenceTeacher;
import org.kedrec.core.serving.Explainer;
import org.kedrec.importer.dataset.DriverCypherRunner;
import org.kedrec.testkit.FixtureModel;
import org.kedrec.trainer.student.StudentTrainer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Regenerates the tiny student committed under {@code plugin/src/test/resources/fixture-student} (about 500 KB):
 *
 * <pre>
 * ./mvnw -B -ntp -pl plugin -am verify -Dtest=StudentFixtureGenerator -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dkedrec.regenerate.student=true
 * </pre>
 *
 * It distils the evidence teacher's answers on the fixture graph's TREATS pairs (each twice, against a random drug
 * that treats nothing, in random order), built with the explanation layer the procedures use, into the trainer's
 * {@code tiny} preset for 25 epochs. Run it after a change to the prompt layout or the student's file format.
 */
class StudentFixtureGenerator {
    @Test
    @EnabledIfSystemProperty(named = "kedrec.regenerate.student", matches = "true")
    void regenerate() {
        Path out = Path.of(System.getProperty("kedrec.repo.root", "..")).resolve(FixtureModel.STUDENT)
                .toAbsolutePath().normalize();
        TestDb db = TestDb.get();
        AtomicDirectory.delete(out);
        train(db.driver, out);
    }

    /**
     * A tiny student distilled from the evidence teacher on the fixture's TREATS pairs, each against another drug of
     * the graph, built with the same explanation layer the procedures use (over Bolt here, as the dataset builder).
     */
    static void train(Driver driver, Path out) {
        List<String[]> pairs = new ArrayList<>();
        List<String> drugs;
        try (Session session = driver.session()) {
            session.run("MATCH (c:Drug)-[:TREATS]->(d:Disease) RETURN c.id AS c, c.name AS cn, d.id AS d, d.name AS dn "
                    + "ORDER BY c, d").list().forEach(r -> pairs.add(new String[] {
                        r.get("c").asString(), r.get("cn").asString(), r.get("d").asString(), r.get("dn").asString()}));
            drugs = session.run("MATCH (c:Drug) WHERE NOT (c)-[:TREATS]->() RETURN c.id AS id, c.name AS name "
                    + "ORDER BY id").list(r -> r.get("id").asString() + "\t" + r.get("name").asString());
        }
        Explainer explainer = new Explainer(new DriverCypherRunner(driver, null));
        Random random = new Random(7);
        List<ExpRxRecExample> examples = new ArrayList<>();
        for (String[] pair : pairs) {
            for (int repeat = 0; repeat < 2; repeat++) {
                String[] negative = drugs.get(random.nextInt(drugs.size())).split("\t");
                int label = random.nextInt(2);
                List<Explainer.Candidate> candidates = new ArrayList<>(List.of(
                        new Explainer.Candidate(negative[0], negative[1])));
                candidates.add(label, new Explainer.Candidate(pair[0], pair[1]));
                ExpRxRecExample example = explainer.jointExample(pair[2], pair[3], candidates, org.kedrec.core.lm.PromptShape.DEFAULT, label);
                examples.add(ExampleAssembler.answered(example, EvidenceTeacher.rationale(example),
                        EvidenceTeacher.NAME));
            }
        }
        StudentTrainer.Options options = StudentTrainer.Options.builder().preset("tiny").epochs(25).seed(5)
                .device(Device.cpu()).learningRate(4e-3f).batchTokens(4096).maxRows(8).vocabSize(420).maxSeqLen(256)
                .patience(25).weightDecay(0f)
                // As the committed fixture student was trained: no swapped or zero-shot views, best epoch by loss.
                .swapCandidates(false).zeroShotViews(false).checkpointBy("loss").build();
        new StudentTrainer(options, StudentTrainer.Progress.NULL).train(examples, examples,
                out, Map.of("variant", "both"));
    }

}
