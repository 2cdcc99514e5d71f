package org.kedrec.importer.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.DatasetCardFile;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.rationale.EvidenceTeacher;
import org.kedrec.core.split.PairSplit;

/**
 * The dataset card: {@code card.json} for tools (the report contract: {@code examples}, {@code positives},
 * {@code leakageCheck}, {@code dataHash}, {@code seconds}, and more) and {@code README.md} for people.
 */
final class DatasetCard {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeNulls().create();

    private DatasetCard() {}

    static Map<String, Object> json(DatasetResult result, DatasetBuildConfig config, String teacher) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", "expRxRec");
        card.put("format", "JSONL, one org.kedrec.core.dataset.ExpRxRecExample per line (Alpaca fields "
                + "instruction/input/output plus structured fields)");
        card.put("examples", result.examples());
        card.put("positives", result.positives());
        card.put("positivesInScope", result.positivesInScope());
        card.put("missing", result.missing());
        card.put("leakageCheck", result.leakagePassed() ? "passed" : result.leakageFailures());
        card.put(DatasetCardFile.DATA_HASH, result.dataHash());
        card.put("seconds", round(result.seconds()));
        card.put("pairsPerSecond", round(result.pairsPerSecond()));
        card.put("candidatePairs", result.candidatePairs());
        Map<String, Object> files = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            Map<String, String> perSplit = new LinkedHashMap<>();
            for (PairSplit split : DatasetBuilder.SPLITS) {
                perSplit.put(split.label(), variant.label() + "/" + split.label() + ".jsonl");
            }
            files.put(variant.label(), perSplit);
        }
        card.put("files", files);
        card.put("splitsFile", "splits.tsv");
        card.put("variants", DatasetBuilder.variantKinds());
        card.put("negativeMethods", result.negativeMethods());
        card.put("evidence", result.evidence());
        card.put(DatasetCardFile.TEACHER, teacher);
        card.put("teachers", result.teachers());
        card.put("teacherRejections", result.teacherRejections());
        card.put("zeroShotDiseases", result.zeroShotDiseases());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", config.seed());
        settings.put(DatasetCardFile.Settings.PATHS_PER_PAIR, config.pathsPerPair());
        settings.put(DatasetCardFile.Settings.MAX_PER_METAPATH, config.maxPerMetapath());
        settings.put(DatasetCardFile.Settings.TRIALS_PER_PAIR, config.trialsPerPair());
        settings.put(DatasetCardFile.Settings.PUBLICATIONS_PER_PAIR, config.publicationsPerPair());
        settings.put(DatasetCardFile.Settings.PHARMACOKINETIC_LAST, config.promptShape().pharmacokineticLast());
        settings.put("negativePool", config.negativePool());
        settings.put("negativesPerPositive", config.negativesPerPositive());
        settings.put("pathScore", "path-degree product, damping " + PathScorer.DAMPING);
        List<String> metapaths = new ArrayList<>(Metapaths.DEFAULT.stream().map(Metapath::abbreviation).toList());
        if (config.pathways()) {
            metapaths.add(Metapaths.PATHWAY.abbreviation());
        }
        settings.put(DatasetCardFile.Settings.METAPATHS, metapaths);
        settings.put("diseases", config.diseases());
        settings.put("splitSource", config.splitsFile() != null
                ? config.splitsFile().toString()
                : "eval/hetionet_CtD_split.tsv in the data directory");
        card.put(DatasetCardFile.SETTINGS, settings);
        return card;
    }

    static void write(DatasetResult result, DatasetBuildConfig config, String teacher) {
        Path out = result.out();
        try {
            Files.createDirectories(out);
            Path json = DatasetCardFile.in(out);
            Path jsonTmp = out.resolve(DatasetCardFile.FILE + ".tmp");
            Files.writeString(jsonTmp, GSON.toJson(json(result, config, teacher)) + "\n", StandardCharsets.UTF_8);
            DatasetBuilder.move(jsonTmp, json);
            Path readme = out.resolve("README.md");
            Path readmeTmp = out.resolve("README.md.tmp");
            Files.writeString(readmeTmp, readme(result, config, teacher), StandardCharsets.UTF_8);
            DatasetBuilder.move(readmeTmp, readme);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dataset card to " + out, e);
        }
    }

    static String readme(DatasetResult result, DatasetBuildConfig config, String teacher) {
        StringBuilder md = new StringBuilder();
        md.append("# expRxRec dataset card\n\n");
        md.append("Explainable drug-recommendation instructions built from a KEDRec Neo4j graph by Cypher path "
                + "sampling (KEDRec-LM, Zhang et al. 2025). Each example asks to choose, between a drug that "
                + "treats a disease and a hard-negative drug that does not, the one that treats it, and to explain "
                + "why citing numbered evidence. `card.json` holds the same facts for tools.\n\n");
        md.append("Leakage check: **").append(result.leakagePassed() ? "passed" : "FAILED").append("**");
        if (!result.leakagePassed()) {
            md.append(" (").append(result.leakageFailures().size())
                    .append(" findings below; no JSONL was written by this build)");
        }
        md.append(". Data hash: `").append(result.dataHash()).append("`. Built in ")
                .append(Messages.format("%.1f", result.seconds())).append(" s (")
                .append(Messages.format("%.1f", result.pairsPerSecond())).append(" positives/s).\n\n");

        md.append("## Files\n\n");
        md.append("| variant | evidence shown | train | validation | test | zeroshot |\n|---|---|---|---|---|---|\n");
        Map<String, List<String>> kinds = DatasetBuilder.variantKinds();
        for (Variant variant : Variant.values()) {
            md.append("| `").append(variant.label()).append("/` | ")
                    .append(String.join(", ", kinds.get(variant.label()))).append(" |");
            for (PairSplit split : DatasetBuilder.SPLITS) {
                md.append(' ').append(result.examples().get(split.label())).append(" |");
            }
            md.append('\n');
        }
        md.append("\nEach cell is `<variant>/<split>.jsonl` with that many examples; zero-shot examples (diseases "
                + "whose every TREATS edge is held out) are in `<variant>/zeroshot.jsonl`. `splits.tsv` "
                + "(`kind<TAB>id<TAB>split`) lists every TREATS pair of the graph and every zero-shot disease; the "
                + "KG-embedding trainer reads it so that no model trains on a held-out edge.\n\n");

        md.append("## Positives\n\n| split | TREATS pairs in the graph | in this build | examples |\n|---|---|---|---|\n");
        for (PairSplit split : DatasetBuilder.SPLITS) {
            md.append("| ").append(split.label()).append(" | ").append(result.positives().get(split.label()))
                    .append(" | ").append(result.positivesInScope().get(split.label())).append(" | ")
                    .append(result.examples().get(split.label())).append(" |\n");
        }
        if (result.missing().isEmpty()) {
            md.append("\nEvery positive in scope has an example in its split.\n\n");
        } else {
            md.append("\nPositives without an example:\n\n");
            result.missing().forEach(m -> md.append("- ").append(m).append('\n'));
            md.append('\n');
        }

        md.append("## How it was built\n\n");
        md.append("- Splits: the published CtD split (`eval/hetionet_CtD_split.tsv`: `holdout` → test), a "
                + "validation tenth of train by a stable hash of the pair, and zero-shot diseases (a stable hash "
                + "of the disease id; all their TREATS edges held out): ")
                .append(result.zeroShotDiseases().size()).append(" zero-shot diseases.\n");
        md.append("- Hard negatives (a drug that neither treats nor palliates the disease, close to the relevant "
                + "drug), by method: ").append(result.negativeMethods())
                .append(". `nonIndication` = PharmacotherapyDB's physician-labelled non-indications; `embedding` = "
                        + "nearest by the `drug_embedding` vector index; `structural` = shared targets, classes, "
                        + "indications and resemblance; `random` = nothing similar was found.\n");
        md.append("- Explanation paths: up to ").append(config.pathsPerPair())
                .append(" per candidate, at most ").append(config.maxPerMetapath())
                .append(" per metapath before repeats, over ").append(Metapaths.DEFAULT.size())
                .append(config.pathways() ? " + 1 (pathways)" : "")
                .append(" metapaths of length 2–3, ranked by the path-degree product (Rephetio's DWPC term, damping ")
                .append(PathScorer.DAMPING).append("). Paths never use a held-out TREATS edge nor the example's "
                        + "own TREATS edge. A path that leaves the drug through a protein it binds only as an enzyme, "
                        + "transporter or carrier (DrugBank's category) is marked `pharmacokinetic` and picked after "
                        + "the others.\n");
        md.append("- Evidence: up to ").append(config.trialsPerPair()).append(" trials (TESTS the drug, STUDIES "
                + "the disease; highest phase, completed, successful first) and ").append(config.publicationsPerPair())
                .append(" publications (MENTIONS both; ranked by the `publication_text` full-text index) per "
                        + "candidate. Counts: ").append(result.evidence()).append(".\n");
        md.append("- Teacher: `").append(teacher).append("`; answers per teacher: ").append(result.teachers());
        if (!result.teacherRejections().isEmpty()) {
            md.append("; rejected external answers (the evidence teacher `").append(EvidenceTeacher.NAME)
                    .append("` answered instead): ").append(result.teacherRejections());
        }
        md.append(".\n");
        md.append("- Candidates are in seeded random order (seed ").append(config.seed())
                .append("); the build is deterministic for a seed and a graph.\n\n");

        md.append("## Record\n\n`instruction` (always \"").append(ExpRxRecExample.INSTRUCTION)
                .append("\"), `input` (disease, candidates, numbered evidence with slots `[D]`, `[C1]`, `[E1]`), "
                        + "`output` (selection then rationale), and structured fields `disease`, `candidates`, "
                        + "`label` (index of the relevant candidate), `answer`, `evidence` (per item: slot, kind, "
                        + "candidate, text, score, id (NCT/PMID CURIE), nodes, rels, directions, metapath), `split`, "
                        + "`variant`, `negativeMethod`, `teacher`.\n");
        if (!result.leakagePassed()) {
            md.append("\n## Leakage check findings\n\n");
            result.leakageFailures().stream().limit(50).forEach(f -> md.append("- ").append(f).append('\n'));
            if (result.leakageFailures().size() > 50) {
                md.append("- … and ").append(result.leakageFailures().size() - 50).append(" more in card.json\n");
            }
        }
        return md.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
