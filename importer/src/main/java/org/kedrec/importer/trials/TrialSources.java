package org.kedrec.importer.trials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trial inputs of one import. Every part is optional: a missing part is skipped (with a warning when it was
 * expected from the data directory).
 *
 * @param trialMap dhimmel's {@code DrugBank-DO-slim.tsv} ({@code nct_id}, {@code compound_id}, {@code disease_id})
 * @param xmlRecords classic ClinicalTrials.gov {@code <clinical_study>} records
 * @param hintCsvs HINT benchmark CSVs ({@code nctid, status, why_stop, label, phase, diseases, drugs, …})
 * @param hintLinks {@code trials_hint_x_hetionet.tsv}: which HINT trials link to which Hetionet ids
 * @param ctgovJson ClinicalTrials.gov API v2 study files (a JSON array, or an object with {@code studies})
 * @param meshNames a TSV with {@code mesh_id} and {@code mesh_name} columns ({@code DO-slim-to-mesh.tsv}), used to
 *     link XML records by MeSH term name
 */
public record TrialSources(
        Path trialMap, List<Path> xmlRecords, List<Path> hintCsvs, Path hintLinks, List<Path> ctgovJson, Path meshNames) {
    public TrialSources {
        xmlRecords = xmlRecords == null ? List.of() : List.copyOf(xmlRecords);
        hintCsvs = hintCsvs == null ? List.of() : List.copyOf(hintCsvs);
        ctgovJson = ctgovJson == null ? List.of() : List.copyOf(ctgovJson);
    }

    /** The demo trial files of a data directory (the trial map must exist; the rest is used when present). */
    public static TrialSources of(Path dataDir) {
        Path json = dataDir.resolve(TrialsImport.CTGOV_JSON);
        return new TrialSources(
                dataDir.resolve(TrialsImport.DHIMMEL),
                list(dataDir.resolve(TrialsImport.XML_DIR), ".xml"),
                list(dataDir.resolve(TrialsImport.HINT_DIR), ".csv"),
                dataDir.resolve(TrialsImport.HINT_LINKS),
                Files.isRegularFile(json) ? List.of(json) : List.of(),
                dataDir.resolve("disease-ontology/DO-slim-to-mesh.tsv"));
    }

    /** Only API v2 JSON files, e.g. a download of studies for a condition. */
    public static TrialSources ctgovJson(Path... files) {
        return new TrialSources(null, List.of(), List.of(), null, List.of(files), null);
    }

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
