package org.kedrec.importer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.Citations;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PairRequest;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.explain.PathQueries;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.rationale.EvidenceTeacher;

/**
 * Builds the dataset from the fixture graph (a real subgraph of the demo graph, 134 TREATS pairs) over Bolt, and
 * checks the pairs and splits, determinism, the leakage check, the rationales and the JSONL schema.
 */
@ExtendWith(SharedFixtureGraph.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class DatasetBuilderTest {
    static final List<String> SPLIT_FILES = List.of("train", "validation", "test", "zeroshot");

    @TempDir
    static Path tmp;

    FixtureGraph graph;
    Path dataDir;
    DatasetResult first;
    DatasetResult second;
    DatasetResult otherSeed;

    @BeforeAll
    void buildThreeTimes() {
        // Data first: without it the class skips before starting a database.
        dataDir = DataDirectory.forTests(Assumptions::abort);
        graph = SharedFixtureGraph.graph();
        first = build(DatasetBuildConfig.defaults(tmp.resolve("a"), dataDir));
        second = build(DatasetBuildConfig.defaults(tmp.resolve("b"), dataDir).withThreads(1, 50));
        otherSeed = build(DatasetBuildConfig.defaults(tmp.resolve("c"), dataDir).withSeed(7));
    }

    DatasetResult build(DatasetBuildConfig config) {
        return new DatasetBuilder(graph.runner, config, new EvidenceTeacher(), ProgressTracker.NULL).build();
    }

    static List<ExpRxRecExample> read(Path out, String variant, String split) {
        return ExpRxRecJson.read(out.resolve(variant).resolve(split + ".jsonl"));
    }

    List<ExpRxRecExample> all(Path out) {
        List<ExpRxRecExample> examples = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            for (String split : SPLIT_FILES) {
                examples.addAll(read(out, variant.label(), split));
            }
        }
        return examples;
    }

    @Test
    void everyTreatsPairIsAPositiveInItsSplit() throws IOException {
        Map<String, Integer> expected = Map.of("train", 85, "validation", 8, "test", 24, "zeroshot", 17);
        assertThat(first.positives()).isEqualTo(expected);
        assertThat(first.examples()).isEqualTo(expected);
        assertThat(first.missing()).isEmpty();

        List<String> lines = Files.readAllLines(first.out().resolve("splits.tsv"));
        assertThat(lines.get(0)).isEqualTo("kind\tid\tsplit");
        assertThat(lines).hasSize(1 + 8 + 134);
        assertThat(lines.stream().filter(l -> l.matches(".*\\|DOID:(219|1936|12930|1459)\t.*")).toList())
                .containsExactly(
                        "pair\tDrugBank:DB00175|DOID:1936\ttest",
                        "pair\tDrugBank:DB00227|DOID:1936\ttrain",
                        "pair\tDrugBank:DB00279|DOID:1459\ttrain",
                        "pair\tDrugBank:DB00421|DOID:12930\tzeroshot",
                        "pair\tDrugBank:DB00451|DOID:1459\ttrain",
                        "pair\tDrugBank:DB00509|DOID:1459\tvalidation",
                        "pair\tDrugBank:DB00541|DOID:219\ttrain",
                        "pair\tDrugBank:DB00544|DOID:219\ttrain",
                        "pair\tDrugBank:DB00563|DOID:219\ttrain",
                        "pair\tDrugBank:DB00627|DOID:1936\ttest",
                        "pair\tDrugBank:DB00641|DOID:1936\ttrain",
                        "pair\tDrugBank:DB00695|DOID:12930\tzeroshot",
                        "pair\tDrugBank:DB00722|DOID:12930\tzeroshot",
                        "pair\tDrugBank:DB00762|DOID:219\ttest",
                        "pair\tDrugBank:DB00973|DOID:1936\ttrain",
                        "pair\tDrugBank:DB01098|DOID:1936\ttrain",
                        "pair\tDrugBank:DB01101|DOID:219\tvalidation",
                        "pair\tDrugBank:DB01583|DOID:1459\ttrain");
        assertThat(lines).contains("disease\tDOID:12930\tzeroshot");

        // Each pair of splits.tsv has exactly one example per variant, in the file of its split.
        Map<String, String> splitOf = new TreeMap<>();
        lines.stream().skip(1).filter(l -> l.startsWith("pair\t"))
                .forEach(l -> splitOf.put(l.split("\t")[1], l.split("\t")[2]));
        for (Variant variant : Variant.values()) {
            Map<String, String> seen = new TreeMap<>();
            for (String split : SPLIT_FILES) {
                for (ExpRxRecExample example : read(first.out(), variant.label(), split)) {
                    SlotEntityPair pair = SlotEntityPair.of(example);
                    assertThat(example.id()).isEqualTo(pair.disease() + "|" + pair.drug() + "|" + variant.label());
                    assertThat(example.split()).isEqualTo(split);
                    assertThat(example.variant()).isEqualTo(variant.label());
                    assertThat(seen.put(pair.drug() + "|" + pair.disease(), split)).isNull();
                }
            }
            assertThat(seen).isEqualTo(splitOf);
        }
    }

    /** The relevant drug and the disease of an example. */
    record SlotEntityPair(String drug, String disease) {
        static SlotEntityPair of(ExpRxRecExample example) {
            return new SlotEntityPair(example.candidates().get(example.label()).id(), example.disease().id());
        }
    }

    @Test
    void hardNegativesNeverTreatOrPalliateAndPreferNonIndications() {
        Map<String, Set<String>> indicated = new HashMap<>();
        for (Map<String, Object> row : graph.runner.run(NegativeQueries.INDICATED, Map.of())) {
            indicated.put((String) row.get("disease"), new HashSet<>(strings(row.get("drugs"))));
        }
        Map<String, List<String>> notPairs = NonIndications.read(dataDir);
        Map<String, Integer> methods = new TreeMap<>();
        for (String split : SPLIT_FILES) {
            for (ExpRxRecExample example : read(first.out(), "vanilla", split)) {
                assertThat(example.candidates()).hasSize(2);
                String negative = example.candidates().get(1 - example.label()).id();
                String disease = example.disease().id();
                assertThat(indicated.get(disease)).doesNotContain(negative)
                        .contains(example.candidates().get(example.label()).id());
                methods.merge(example.negativeMethod(), 1, Integer::sum);
                if (example.negativeMethod().equals(HardNegativeSampler.NON_INDICATION)) {
                    assertThat(notPairs.get(disease)).contains(negative);
                }
                if (disease.equals("DOID:219")) {
                    assertThat(example.negativeMethod()).isEqualTo("nonIndication");
                }
                if (disease.equals("DOID:1459")) {
                    assertThat(example.negativeMethod()).isEqualTo("structural");
                }
            }
        }
        assertThat(methods).isEqualTo(first.negativeMethods()).containsOnlyKeys("nonIndication", "structural");
        // The relevant drug comes first in some examples and second in others.
        assertThat(all(first.out()).stream().map(ExpRxRecExample::label).distinct()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void severalNegativesPerPositiveKeepTheFirstExampleAndAddOtherHardOnes() {
        DatasetBuildConfig d = DatasetBuildConfig.defaults(tmp.resolve("several"), dataDir);
        DatasetResult several = build(new DatasetBuildConfig(d.out(), d.seed(), d.pathsPerPair(), d.maxPerMetapath(),
                d.trialsPerPair(), d.publicationsPerPair(), d.dataDir(), d.splitsFile(), d.diseases(), d.pathways(),
                d.threads(), d.batchSize(), d.negativePool(), 3));
        Map<String, Set<String>> indicated = new HashMap<>();
        for (Map<String, Object> row : graph.runner.run(NegativeQueries.INDICATED, Map.of())) {
            indicated.put((String) row.get("disease"), new HashSet<>(strings(row.get("drugs"))));
        }
        int before = 0;
        int after = 0;
        for (String split : SPLIT_FILES) {
            Map<String, ExpRxRecExample> one = new HashMap<>();
            read(first.out(), "both", split).forEach(e -> one.put(e.id(), e));
            List<ExpRxRecExample> many = read(several.out(), "both", split);
            before += one.size();
            after += many.size();
            Map<String, Set<String>> negativesOfPair = new HashMap<>();
            for (ExpRxRecExample example : many) {
                String relevant = example.candidates().get(example.label()).id();
                String negative = example.candidates().get(1 - example.label()).id();
                assertThat(indicated.get(example.disease().id())).doesNotContain(negative);
                assertThat(negativesOfPair.computeIfAbsent(example.disease().id() + "|" + relevant,
                        k -> new HashSet<>()).add(negative)).as("negatives of one pair differ").isTrue();
                ExpRxRecExample same = one.get(example.id());
                if (same != null) {
                    // The first negative's example is the one-negative dataset's, byte for byte in its fields.
                    assertThat(example.candidates()).isEqualTo(same.candidates());
                    assertThat(example.output()).isEqualTo(same.output());
                }
            }
            assertThat(negativesOfPair).hasSize(one.size());
            assertThat(negativesOfPair.values()).allMatch(n -> n.size() >= 1 && n.size() <= 3);
        }
        assertThat(after).isGreaterThan(before).isLessThanOrEqualTo(3 * before);
        assertThat(several.leakageFailures()).isEmpty();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherOrder() throws IOException {
        assertThat(second.dataHash()).isEqualTo(first.dataHash()).startsWith("sha256:");
        for (Path file : files(first.out())) {
            Path twin = second.out().resolve(first.out().relativize(file));
            assertThat(Files.readAllBytes(twin)).as(file.toString()).isEqualTo(Files.readAllBytes(file));
        }
        assertThat(otherSeed.dataHash()).isNotEqualTo(first.dataHash());
        assertThat(otherSeed.examples()).isEqualTo(first.examples());
        assertThat(Files.readString(otherSeed.out().resolve("splits.tsv")))
                .isEqualTo(Files.readString(first.out().resolve("splits.tsv")));
        assertThat(Files.readString(otherSeed.out().resolve("vanilla/train.jsonl")))
                .isNotEqualTo(Files.readString(first.out().resolve("vanilla/train.jsonl")));
    }

    static List<Path> files(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith("splits.tsv"))
                    .sorted().toList();
        }
    }

    @Test
    void theLeakageCheckFailsTheBuildWhenHeldOutEdgesReachTheEvidence() throws IOException {
        assertThat(first.leakagePassed()).isTrue();
        assertThat(JsonParser.parseString(Files.readString(first.out().resolve("card.json"))).getAsJsonObject()
                .get("leakageCheck").getAsString()).isEqualTo("passed");

        Path out = tmp.resolve("leak");
        DatasetBuilder leaky = new DatasetBuilder(graph.runner, DatasetBuildConfig.defaults(out, dataDir),
                new EvidenceTeacher(), ProgressTracker.NULL).withoutHeldOutExclusion();
        assertThatThrownBy(leaky::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The leakage check failed: ")
                .hasMessageContaining("a held-out edge (split ")
                .hasMessageEndingWith("Nothing but the card was written; the findings are in " + out.resolve("card.json") + ".");
        JsonObject card = JsonParser.parseString(Files.readString(out.resolve("card.json"))).getAsJsonObject();
        JsonArray findings = card.getAsJsonArray("leakageCheck");
        assertThat(findings.size()).isPositive();
        for (JsonElement finding : findings) {
            assertThat(finding.getAsString()).matches(
                    "DOID:\\S+\\|DrugBank:\\S+\\|\\w+ \\(\\w+\\) \\[E\\d+] uses TREATS DrugBank:\\S+\\|DOID:\\S+: "
                            + "a held-out edge \\(split (validation|test|zeroshot)\\)");
        }
        assertThat(card.get("dataHash").isJsonNull()).isTrue();
        assertThat(Files.readString(out.resolve("README.md"))).contains("Leakage check: **FAILED**");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(Path::toString).filter(p -> p.endsWith(".jsonl") || p.endsWith(".tsv"))).isEmpty();
        }
    }

    @Test
    void everyRationaleCitesOnlyWhatItsExampleHolds() {
        List<ExpRxRecExample> examples = all(first.out());
        assertThat(examples).hasSize(134 * 4);
        for (ExpRxRecExample example : examples) {
            assertThat(example.teacher()).isEqualTo(EvidenceTeacher.NAME);
            assertThat(Citations.unknown(example, example.output())).as(example.output()).isEmpty();
            assertThat(Citations.selection(example.output())).contains(example.answer());
            assertThat(example.answer()).isEqualTo(example.candidates().get(example.label()).slot());
            assertThat(example.output().split("\\s+").length).as(example.output()).isBetween(12, 90);
            assertThat(example.output()).isEqualTo(EvidenceTeacher.rationale(example));
        }
    }

    @Test
    void jsonlFollowsTheRecordSchema() throws IOException {
        Set<String> keys = Set.of("id", "instruction", "input", "output", "disease", "candidates", "label", "answer",
                "evidence", "split", "variant", "negativeMethod", "teacher");
        Map<String, Set<String>> kindsPerVariant = new TreeMap<>();
        for (Variant variant : Variant.values()) {
            for (String split : SPLIT_FILES) {
                Path file = first.out().resolve(variant.label()).resolve(split + ".jsonl");
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                    assertThat(json.keySet()).isEqualTo(keys);
                    assertThat(json.get("instruction").getAsString()).isEqualTo(ExpRxRecExample.INSTRUCTION);
                    assertThat(json.get("label").getAsInt()).isBetween(0, 1);
                    assertThat(json.getAsJsonObject("disease").get("slot").getAsString()).isEqualTo("[D]");
                    assertThat(json.getAsJsonArray("candidates")).hasSize(2);
                    for (JsonElement item : json.getAsJsonArray("evidence")) {
                        JsonObject evidence = item.getAsJsonObject();
                        String kind = evidence.get("kind").getAsString();
                        kindsPerVariant.computeIfAbsent(variant.label(), k -> new java.util.TreeSet<>()).add(kind);
                        assertThat(evidence.get("slot").getAsString()).matches("\\[E\\d+]");
                        assertThat(evidence.get("candidate").getAsString()).matches("\\[C[12]]");
                        switch (kind) {
                            case "PATH" -> {
                                int nodes = evidence.getAsJsonArray("nodes").size();
                                assertThat(nodes).isBetween(3, 4);
                                assertThat(evidence.getAsJsonArray("rels")).hasSize(nodes - 1);
                                assertThat(evidence.getAsJsonArray("directions")).hasSize(nodes - 1);
                                assertThat(evidence.get("metapath").getAsString()).startsWith("C").endsWith("D");
                            }
                            case "TRIAL" -> assertThat(evidence.get("id").getAsString()).matches("NCT:NCT\\d{8}");
                            case "PUBLICATION" -> assertThat(evidence.get("id").getAsString()).matches("PMID:\\d+");
                            default -> throw new AssertionError("unexpected kind " + kind);
                        }
                    }
                }
            }
        }
        assertThat(kindsPerVariant).containsEntry("vanilla", Set.of("PATH"))
                .containsEntry("trials", Set.of("PATH", "TRIAL"))
                .containsEntry("publications", Set.of("PATH", "PUBLICATION"))
                .containsEntry("both", Set.of("PATH", "TRIAL", "PUBLICATION"));
        for (ExpRxRecExample example : all(first.out())) {
            assertThat(example.input()).isEqualTo(
                    PromptFormat.renderInput(example.disease(), example.candidates(), example.evidence()));
        }
        JsonObject card = JsonParser.parseString(Files.readString(first.out().resolve("card.json")))
                .getAsJsonObject();
        assertThat(card.keySet()).contains("examples", "positives", "leakageCheck", "dataHash", "seconds");
        assertThat(card.get("dataHash").getAsString()).isEqualTo(first.dataHash());
        assertThat(card.getAsJsonObject("positives").get("zeroshot").getAsInt()).isEqualTo(17);
        assertThat(Files.readString(first.out().resolve("README.md")))
                .contains("# expRxRec dataset card", "Leakage check: **passed**", "`vanilla/` | path | 85 | 8 | 24 | 17 |",
                        "Every positive in scope has an example in its split.");
    }

    @Test
    void pathsNeverUseHeldOutOrOwnEdgesAndScoreAsDocumented() {
        Set<String> heldOut = new HashSet<>();
        for (String split : List.of("validation", "test", "zeroshot")) {
            read(first.out(), "vanilla", split).forEach(e -> heldOut.add(
                    e.candidates().get(e.label()).id() + "|" + e.disease().id()));
        }
        int paths = 0;
        for (ExpRxRecExample example : all(first.out())) {
            String own = example.candidates().get(example.label()).id() + "|" + example.disease().id();
            for (EvidenceItem item : example.evidence()) {
                if (item.kind() != EvidenceKind.PATH) {
                    continue;
                }
                paths++;
                for (int i = 0; i < item.rels().size(); i++) {
                    if (item.rels().get(i).equals("TREATS")) {
                        String edge = item.directions().get(i)
                                ? item.nodes().get(i) + "|" + item.nodes().get(i + 1)
                                : item.nodes().get(i + 1) + "|" + item.nodes().get(i);
                        assertThat(edge).isNotEqualTo(own).isNotIn(heldOut);
                    }
                }
                assertThat(new HashSet<>(item.nodes())).as("simple path").hasSize(item.nodes().size());
            }
        }
        assertThat(paths).isGreaterThan(500);

        // The Cypher score (used for LIMIT) equals PathScorer's from the returned degrees, and the degrees are
        // the metaedge degrees.
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (ExpRxRecExample example : read(first.out(), "vanilla", "train").subList(0, 20)) {
            pairs.add(PairRequest.of(example.candidates().get(0).id(), example.disease().id()).toParameter());
        }
        // The build's own held-out list, so that Neo4j reuses the build's plan (one per list size bucket).
        List<Map<String, Object>> rows = graph.runner.run(PathQueries.DEFAULT,
                Map.of("pairs", pairs, "heldOut", List.copyOf(heldOut), "perMetapath", 3L, "w", PathScorer.DAMPING));
        assertThat(rows).hasSizeGreaterThan(20);
        for (Map<String, Object> row : rows) {
            List<Long> degrees = ((List<?>) row.get("degrees")).stream().map(d -> ((Number) d).longValue()).toList();
            assertThat((Double) row.get("score")).isCloseTo(PathScorer.pathDegreeProduct(degrees), within(1e-12));
            if (row.get("metapath").equals("CbGaD")) {
                List<String> ids = strings(row.get("ids"));
                Map<String, Object> counts = graph.runner.run("""
                        MATCH (c:Drug {id: $c}), (g:Gene {id: $g}), (d:Disease {id: $d})
                        RETURN COUNT { (c)-[:BINDS]->(:Gene) } AS a, COUNT { (g)<-[:BINDS]-(:Drug) } AS b,
                               COUNT { (g)<-[:ASSOCIATES]-(:Disease) } AS e, COUNT { (d)-[:ASSOCIATES]->(:Gene) } AS f""",
                        Map.of("c", ids.get(0), "g", ids.get(1), "d", ids.get(2))).get(0);
                assertThat(degrees).containsExactly((Long) counts.get("a"), (Long) counts.get("b"),
                        (Long) counts.get("e"), (Long) counts.get("f"));
            }
        }
    }

    /** The card says how the prompts were built, in the keys a student's prompt shape is read from. */
    @Test
    void theCardRecordsThePromptShapeTheStudentWillBeServed() {
        assertThat(org.kedrec.core.lm.PromptShape.ofDataset(first.out()))
                .isEqualTo(DatasetBuildConfig.defaults(tmp.resolve("a"), dataDir).promptShape())
                .isEqualTo(org.kedrec.core.lm.PromptShape.BUILDER_DEFAULT);
    }

    /**
     * A path that leaves the drug through a protein the drug binds only as an enzyme, transporter or carrier (every
     * source of the binding is such a DrugBank category), whatever its metapath, is flagged, comes after the
     * candidate's other paths, and the teacher does not open a rationale with it when the candidate has another path.
     */
    @Test
    void pathsThroughAProteinThatOnlyHandlesTheDrugAreFlaggedLastAndNotCitedFirst() {
        int flagged = 0;
        int flaggedOutsideMechanism = 0;
        int rolesSaid = 0;
        int bindingPaths = 0;
        java.util.regex.Pattern slotPattern = java.util.regex.Pattern.compile("\\[E\\d+\\]");
        for (ExpRxRecExample example : all(first.out())) {
            for (var candidate : example.candidates()) {
                List<EvidenceItem> paths = example.evidenceFor(candidate.slot()).stream()
                        .filter(e -> e.kind() == EvidenceKind.PATH).toList();
                List<Boolean> flags = paths.stream().map(EvidenceItem::isPharmacokinetic).toList();
                int firstFlag = flags.indexOf(true);
                assertThat(firstFlag < 0 || !flags.subList(firstFlag, flags.size()).contains(false))
                        .as("%s: %s", example.id(), flags).isTrue();
                for (EvidenceItem path : paths) {
                    if (!path.rels().get(0).equals("BINDS")) {
                        assertThat(path.isPharmacokinetic()).isFalse();
                        continue;
                    }
                    bindingPaths++;
                    flagged += path.isPharmacokinetic() ? 1 : 0;
                    List<Object> sources = graph.runner.run(
                            "MATCH (:Drug {id: $c})-[b:BINDS]->(:Gene {id: $g}) RETURN coalesce(b.sources, []) AS s",
                            Map.of("c", path.nodes().get(0), "g", path.nodes().get(1))).stream()
                            .map(r -> r.get("s")).toList();
                    boolean onlyHandles = sources.stream().allMatch(
                            s -> org.kedrec.core.explain.BindingRoles.pharmacokineticOnly(strings(s)));
                    // mechanism paths and shared-protein paths (CbGbCtD) alike, with the role the sources name
                    assertThat(path.isPharmacokinetic()).as("%s %s", path.nodes(), sources).isEqualTo(onlyHandles);
                    assertThat(path.pharmacokineticRole()).as("%s %s", path.nodes(), sources).isEqualTo(onlyHandles
                            ? org.kedrec.core.explain.BindingRoles.roleOf(sources.stream()
                                    .flatMap(x -> strings(x).stream()).toList()) : null);
                    boolean selected = candidate.slot().equals(example.candidates().get(example.label()).slot());
                    if (onlyHandles && selected && java.util.regex.Pattern.compile(
                            java.util.regex.Pattern.quote(path.slot()) + "(?!\\d)").matcher(example.output()).find()) {
                        // the teacher says what the protein is to the drug wherever it argues with such a path
                        assertThat(example.output()).contains("binds its " + path.pharmacokineticRole() + " ");
                        rolesSaid++;
                    }
                    flaggedOutsideMechanism += onlyHandles && org.kedrec.core.rationale.ClaimGrammar.kind(path)
                            != org.kedrec.core.explain.PathKind.MECHANISM ? 1 : 0;
                }
            }
            String selected = example.candidates().get(example.label()).slot();
            List<EvidenceItem> own = example.evidenceFor(selected).stream()
                    .filter(e -> e.kind() == EvidenceKind.PATH).toList();
            java.util.regex.Matcher cited = slotPattern.matcher(example.output());
            if (own.stream().anyMatch(e -> !e.isPharmacokinetic()) && cited.find()) {
                String slot = cited.group();
                assertThat(own.stream().filter(e -> e.slot().equals(slot)).noneMatch(EvidenceItem::isPharmacokinetic))
                        .as("%s opens with %s", example.id(), slot).isTrue();
            }
        }
        assertThat(bindingPaths).as("paths that leave the drug through a binding").isGreaterThan(50);
        assertThat(flagged).as("of them pharmacokinetic").isPositive().isLessThan(bindingPaths);
        assertThat(flaggedOutsideMechanism).as("of those, paths of a similarity metapath").isPositive()
                .isLessThan(flagged);
        assertThat(rolesSaid).as("rationales that argue with such a path and say what the protein is").isPositive();
    }

    @Test
    void aSinglePairGetsTheSamePathsAsInABatch() throws IOException {
        PathFinder finder = new PathFinder(graph.runner, PathFinder.Settings.defaults(3));
        Map<String, PairRequest> requests = new java.util.LinkedHashMap<>();
        for (ExpRxRecExample example : read(first.out(), "vanilla", "test")) {
            for (var candidate : example.candidates()) {
                String key = candidate.id() + "|" + example.disease().id();
                requests.put(key, new PairRequest(key, candidate.id(), example.disease().id(), null));
            }
        }
        List<String> heldOut = Files.readAllLines(first.out().resolve("splits.tsv")).stream()
                .filter(l -> l.startsWith("pair\t") && !l.endsWith("\ttrain")).map(l -> l.split("\t")[1]).toList();
        List<PairRequest> batch = List.copyOf(requests.values());
        Map<String, List<GraphPath>> together = finder.find(batch, heldOut);
        for (PairRequest pair : batch.subList(0, 6)) {
            assertThat(finder.find(List.of(pair), heldOut)).containsEntry(pair.key(), together.get(pair.key()));
        }
        assertThat(together.values().stream().mapToInt(List::size).sum()).isGreaterThan(batch.size());
    }

    @Test
    void theBenchmarkReportsPairsPerSecond() {
        DatasetBenchmark.Result result = DatasetBenchmark.run(graph.runner,
                DatasetBuildConfig.defaults(tmp.resolve("bench"), dataDir), ProgressTracker.NULL);
        assertThat(result.positives()).isEqualTo(134);
        assertThat(result.candidatePairs()).isEqualTo(268);
        assertThat(result.examples()).isEqualTo(536);
        assertThat(result.dataHash()).isEqualTo(first.dataHash());
        assertThat(result.pairsPerSecond()).isCloseTo(134 / result.seconds(), within(1e-9));
        assertThat(result.toMap()).containsEntry("leakageCheck", "passed").containsKey("withinTarget");
    }

    static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
