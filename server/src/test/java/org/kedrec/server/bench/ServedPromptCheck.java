package org.kedrec.server.bench;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.serving.Explainer;
import org.kedrec.importer.dataset.DriverCypherRunner;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * DEVELOPER TOOL (not a test): does the student choose on the prompts {@code kedrec.select} builds as it does on the
 * dataset's? Per example of a split, the dataset's own prompt, the served prompt with the dataset's held-out TREATS
 * edges kept out of the paths, and the served prompt as the procedure builds it (every edge of the graph).
 * Args: MODEL DATASET SPLIT BOLT_URI PASSWORD.
 */
public final class ServedPromptCheck {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path dataset = Path.of(args[1]);
        String split = args[2];
        Set<String> heldOut = new TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(dataset.resolve("splits.tsv"))) {
            String[] c = line.split("\t");
            if (c.length == 3 && c[0].equals("pair") && !c[2].equals("train")) {
                heldOut.add(c[1]);
            }
        }
        List<ExpRxRecExample> examples = ExpRxRecJson.read(dataset.resolve("both").resolve(split + ".jsonl"));
        try (Driver driver = GraphDatabase.driver(args[3], AuthTokens.basic("neo4j", args[4]));
             StudentModel student = StudentModel.load(model.resolve("student"), Device.cpu(), 1)) {
            DriverCypherRunner runner = new DriverCypherRunner(driver, null);
            Explainer served = new Explainer(runner);
            // the served path query without the held-out TREATS edges, reading the binding roles as served
            Explainer noLeak = new Explainer(runner, new org.kedrec.core.explain.PathSource() {
                @Override
                public java.util.Map<String, List<org.kedrec.core.explain.GraphPath>> candidatesForDisease(
                        String disease, List<String> drugs, List<org.kedrec.core.graph.Metapath> metapaths,
                        int perMetapath, double damping) {
                    return new PathFinder(runner, new PathFinder.Settings(metapaths, perMetapath, 1, damping))
                            .findCandidatesForDisease(disease, drugs, heldOut);
                }

                @Override
                public org.kedrec.core.explain.BindingRoles bindingRoles(List<String> drugs) {
                    return org.kedrec.core.explain.BindingRoles.read(runner, drugs);
                }
            });
            int[] right = new int[3];
            int[] samePrompt = new int[3];
            for (ExpRxRecExample e : examples) {
                List<Explainer.Candidate> drugs = new ArrayList<>();
                e.candidates().forEach(c -> drugs.add(new Explainer.Candidate(c.id(), c.name())));
                ExpRxRecExample[] views = {e,
                    noLeak.jointExample(e.disease().id(), e.disease().name(), drugs, student.promptShape(), e.label()),
                    served.jointExample(e.disease().id(), e.disease().name(), drugs, student.promptShape(), e.label())};
                for (int v = 0; v < 3; v++) {
                    right[v] += student.select(views[v]).chosen() == e.label() ? 1 : 0;
                    samePrompt[v] += views[v].input().equals(e.input()) ? 1 : 0;
                }
                if (!views[1].input().equals(e.input()) && samePrompt[1] < 3 && Boolean.getBoolean("show")) {
                    System.out.println("--- dataset\n" + e.input() + "\n--- served, no held-out edges\n"
                            + views[1].input());
                }
            }
            String[] names = {"dataset prompt", "served order, held-out edges out", "served (every edge)"};
            for (int v = 0; v < 3; v++) {
                System.out.printf(java.util.Locale.ENGLISH, "%-34s right %d / %d = %.3f, prompt as the dataset's %d%n",
                        names[v], right[v], examples.size(), right[v] / (double) examples.size(), samePrompt[v]);
            }
        }
    }
}
