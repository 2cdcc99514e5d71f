package org.kedrec.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.ids.Curies;

/**
 * The synthetic graph keeps the demo graph's shape: N times the nodes and edges, every metaedge's degree
 * distribution on both sides multiplied by N exactly, edges rewired between copies, ids that stay valid and distinct
 * for the importer, and the same bytes for the same seed.
 */
class GraphSynthTest {
    @TempDir
    Path tmp;

    @Test
    void smallGraphAtScaleFourKeepsEveryDegreeDistribution() throws IOException {
        Path src = tmp.resolve("src");
        writeFixture(src);
        Path out = tmp.resolve("x4");
        GraphSynth.Result result = new GraphSynth(src, out, 4, 0.5, 7).write();

        List<String[]> demo = edges(src);
        List<String[]> synth = edges(out);
        assertThat(result.nodes()).isEqualTo(4 * 8);
        assertThat(synth).hasSize(4 * demo.size());
        assertThat(result.edges()).isEqualTo(synth.size());
        assertThat(result.rewired()).isPositive();
        assertSameShape(demo, synth, 4);
        assertThat(distinctNodes(out)).hasSize(32);
        // every edge end is a node of the synthetic nodes file
        Set<String> nodes = distinctNodes(out);
        synth.forEach(e -> assertThat(nodes).contains(e[0], e[2]));
        // rewired edges join copies: some edge has ends in two different copies
        assertThat(synth).anyMatch(e -> !copy(e[0]).equals(copy(e[2])));

        // trials, abstracts and the split in proportion, relabelled consistently with the nodes
        List<String> trials = lines(out.resolve(GraphSynth.TRIAL_MAP));
        assertThat(trials).hasSize(1 + 4 * 2);
        assertThat(trials).contains("NCT90000004\tDB00001_3\tAspirin [3]\tDOID:9352_3\tdiabetes [3]");
        assertThat(trials.stream().skip(1).map(l -> l.split("\t")[0]).distinct()).hasSize(4 * 2)
                .allMatch(nct -> nct.matches("NCT\\d{8}"));
        assertThat(result.trials()).isEqualTo(8);
        assertThat(result.publications()).isEqualTo(4);
        List<String> pubtator = lines(out.resolve(GraphSynth.PUBTATOR.get(0)));
        assertThat(pubtator).contains("200000123|t|Aspirin and diabetes", "200000123\t0\t7\tAspirin\tChemical\tD20000001241",
                "200000123\tCID\tD20000001241\tD20000003920");
        assertThat(lines(out.resolve(GraphSynth.SPLIT))).hasSize(1 + 4);
        assertThat(lines(out.resolve(GraphSynth.MESH_DRUG)))
                .contains("D20000001241\tDB00001_2\tCompound::DB00001_2\tAspirin [2]\tfixture");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherGraph() throws IOException {
        Path src = tmp.resolve("src");
        writeFixture(src);
        new GraphSynth(src, tmp.resolve("a"), 3, 0.5, 1).write();
        new GraphSynth(src, tmp.resolve("b"), 3, 0.5, 1).write();
        new GraphSynth(src, tmp.resolve("c"), 3, 0.5, 2).write();
        assertThat(edgeLines(tmp.resolve("a"))).isEqualTo(edgeLines(tmp.resolve("b")));
        assertThat(edgeLines(tmp.resolve("a"))).isNotEqualTo(edgeLines(tmp.resolve("c")));
    }

    @Test
    void scaleOneIsTheDemoSetItself() throws IOException {
        Path src = tmp.resolve("src");
        writeFixture(src);
        new GraphSynth(src, tmp.resolve("x1"), 1, 0.5, 1).write();
        assertThat(edgeLines(tmp.resolve("x1"))).isEqualTo(edgeLines(src));
        assertThat(lines(tmp.resolve("x1").resolve(GraphSynth.NODES))).isEqualTo(lines(src.resolve(GraphSynth.NODES)));
    }

    @Test
    void relabelledIdsStayValidAndDistinct() {
        assertThat(Curies.mesh(GraphSynth.mesh("D006973", 2))).isEqualTo("MESH:D20000006973");
        assertThat(Curies.mesh(GraphSynth.mesh("MESH:C000170", 15))).isEqualTo("MESH:C150000000170");
        assertThat(Curies.fromHetionet(GraphSynth.nodeId("Symptom::D000006", 1))).isEqualTo("MESH:D10000000006");
        assertThat(Curies.fromHetionet(GraphSynth.nodeId("Compound::DB00997", 3))).isEqualTo("DrugBank:DB00997_3");
        assertThat(Curies.fromHetionet(GraphSynth.nodeId("Disease::DOID:1324", 3))).isEqualTo("DOID:1324_3");
        assertThat(GraphSynth.relabelIds("GeneOrGeneProduct", "3172,3651", 2)).isEqualTo("3172_2,3651_2");
        assertThat(GraphSynth.pubtatorLine("10491763\tAssociation\t3175\tD003924\tNo", 1))
                .isEqualTo("110491763\tAssociation\t3175_1\tD10000003924\tNo");
    }

    @Test
    void badSettingsNameTheValueAndTheFix() {
        assertThatThrownBy(() -> new GraphSynth(tmp, tmp.resolve("o"), 0, 0.1, 1))
                .hasMessage("Invalid value for option '--scale': 0. Use 1 to 99 (1 writes the demo set itself).");
        assertThatThrownBy(() -> new GraphSynth(tmp, tmp.resolve("o"), 2, 1.5, 1))
                .hasMessage("Invalid value for option '--rewire': 1.5. Use a share between 0 and 1, e.g. 0.1.");
        assertThatThrownBy(() -> new GraphSynth(tmp, tmp, 2, 0.1, 1)).hasMessageContaining("is the data directory");
        assertThatThrownBy(() -> new GraphSynth(tmp.resolve("none"), tmp.resolve("o"), 2, 0.1, 1).write())
                .hasMessageContaining("hetionet-v1.0-nodes.tsv is missing");
    }

    /** The real demo set at scale 2: counts and every metaedge's degree distributions (skipped without the data). */
    @Test
    void demoGraphAtScaleTwo() throws IOException {
        Path data = DataDirectory.forTests(Assumptions::abort);
        Path out = tmp.resolve("demo-x2");
        GraphSynth.Result result = new GraphSynth(data, out, 2, 0.1, 42).write();
        List<String[]> demo = edges(data);
        List<String[]> synth = edges(out);
        assertThat(synth).hasSize(2 * demo.size());
        assertThat(result.rewired()).isBetween((long) (0.08 * synth.size()), (long) (0.12 * synth.size()));
        assertSameShape(demo, synth, 2);
        assertThat(result.nodes()).isEqualTo(2L * (lines(data.resolve(GraphSynth.NODES)).size() - 1));
        assertThat(distinctNodes(out)).hasSize((int) result.nodes());
        assertThat(lines(out.resolve(GraphSynth.TRIAL_MAP)).size() - 1)
                .isEqualTo(2 * (lines(data.resolve(GraphSynth.TRIAL_MAP)).size() - 1));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /**
     * Per metaedge, the sorted degree histogram of each side (how many nodes have degree d) of the synthetic graph
     * is the demo graph's with every count times {@code n}; and no edge appears twice.
     */
    private static void assertSameShape(List<String[]> demo, List<String[]> synth, int n) {
        Map<String, Map<Integer, Integer>> demoHist = histograms(demo);
        Map<String, Map<Integer, Integer>> synthHist = histograms(synth);
        Map<String, Map<Integer, Integer>> expected = new TreeMap<>();
        demoHist.forEach((key, hist) -> {
            Map<Integer, Integer> times = new TreeMap<>();
            hist.forEach((degree, count) -> times.put(degree, count * n));
            expected.put(key, times);
        });
        assertThat(synthHist).isEqualTo(expected);
        Set<String> seen = new HashSet<>();
        for (String[] e : synth) {
            assertThat(seen.add(e[0] + "|" + e[1] + "|" + e[2])).as("duplicate edge %s", String.join(" ", e)).isTrue();
        }
    }

    private static Map<String, Map<Integer, Integer>> histograms(List<String[]> edges) {
        Map<String, Map<String, Integer>> degrees = new HashMap<>();
        for (String[] e : edges) {
            degrees.computeIfAbsent(e[1] + " source", k -> new HashMap<>()).merge(e[0], 1, Integer::sum);
            degrees.computeIfAbsent(e[1] + " target", k -> new HashMap<>()).merge(e[2], 1, Integer::sum);
        }
        Map<String, Map<Integer, Integer>> out = new TreeMap<>();
        degrees.forEach((key, perNode) -> {
            Map<Integer, Integer> hist = new TreeMap<>();
            perNode.values().forEach(d -> hist.merge(d, 1, Integer::sum));
            out.put(key, hist);
        });
        return out;
    }

    private static String copy(String nodeId) {
        int u = nodeId.lastIndexOf('_');
        return u < 0 ? "0" : nodeId.substring(u + 1);
    }

    private static Set<String> distinctNodes(Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        List<String> lines = lines(dir.resolve(GraphSynth.NODES));
        for (String line : lines.subList(1, lines.size())) {
            ids.add(line.split("\t")[0]);
        }
        return ids;
    }

    private static List<String[]> edges(Path dir) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = edgeLines(dir);
        for (String line : lines.subList(1, lines.size())) {
            out.add(line.split("\t"));
        }
        return out;
    }

    private static List<String> edgeLines(Path dir) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve(GraphSynth.EDGES))), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static void writeFixture(Path src) throws IOException {
        write(src.resolve(GraphSynth.NODES), """
                id\tname\tkind
                Compound::DB00001\tAspirin\tCompound
                Compound::DB00002\tMetformin\tCompound
                Disease::DOID:9352\tdiabetes\tDisease
                Disease::DOID:10763\thypertension\tDisease
                Gene::1\tA1BG\tGene
                Gene::2\tA2M\tGene
                Gene::3\tA2MP1\tGene
                Symptom::D000006\tAbdomen, Acute\tSymptom
                """);
        Path edges = src.resolve(GraphSynth.EDGES);
        Files.createDirectories(edges.getParent());
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(edges)),
                StandardCharsets.UTF_8)) {
            w.write("""
                    source\tmetaedge\ttarget
                    Compound::DB00001\tCtD\tDisease::DOID:9352
                    Compound::DB00002\tCtD\tDisease::DOID:9352
                    Compound::DB00002\tCtD\tDisease::DOID:10763
                    Compound::DB00001\tCbG\tGene::1
                    Compound::DB00001\tCbG\tGene::2
                    Compound::DB00001\tCbG\tGene::3
                    Compound::DB00002\tCbG\tGene::1
                    Gene::1\tGiG\tGene::2
                    Gene::2\tGiG\tGene::3
                    Gene::1\tGiG\tGene::3
                    Disease::DOID:9352\tDpS\tSymptom::D000006
                    Disease::DOID:10763\tDpS\tSymptom::D000006
                    Disease::DOID:9352\tDaG\tGene::1
                    Disease::DOID:10763\tDaG\tGene::2
                    """);
        }
        write(src.resolve(GraphSynth.TRIAL_MAP), """
                nct_id\tcompound_id\tcompound_name\tdisease_id\tdisease_name
                NCT00000001\tDB00001\tAspirin\tDOID:9352\tdiabetes
                NCT00000002\tDB00002\tMetformin\tDOID:9352\tdiabetes
                """);
        write(src.resolve(GraphSynth.SPLIT), """
                compound_id\tdisease_id\tcompound_name\tdisease_name\tsplit
                Compound::DB00001\tDisease::DOID:9352\tAspirin\tdiabetes\ttrain
                """);
        write(src.resolve(GraphSynth.MESH_DRUG), """
                mesh_id\tdrugbank_id\thetionet_id\thetionet_name\tsources
                D001241\tDB00001\tCompound::DB00001\tAspirin\tfixture
                """);
        write(src.resolve(GraphSynth.PUBTATOR.get(0)), """
                123|t|Aspirin and diabetes
                123|a|Aspirin was given.
                123\t0\t7\tAspirin\tChemical\tD001241
                123\t12\t20\tdiabetes\tDisease\tD003920
                123\tCID\tD001241\tD003920

                """);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
