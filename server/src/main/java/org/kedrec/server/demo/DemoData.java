package org.kedrec.server.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.data.DataDirectory;

/**
 * The files of the data directory that the demo reads (import, dataset, training), each with where it comes from
 * and its licence, as pinned in the data catalogue ({@link DataCatalogue}, described in docs/data.md). {@link #check} says which are missing; the
 * message names every missing file, its public source and licence, and how to point the demo at a copy.
 */
public final class DemoData {
    /** One input file: its path inside the data directory, what it is for, its public source and licence. */
    public record DataFile(String path, String purpose, String source, String licence) {}

    /** Everything the demo reads, in the order of the data README; sources and licences come from the catalogue. */
    public static final List<DataFile> FILES = List.of(
            file("hetionet/hetionet-v1.0-nodes.tsv",
                    "Hetionet v1.0 nodes (all 47,031)"),
            file("derived/hetionet-v1.0-edges-demo.sif.gz",
                    "the demo edges (193,242): Hetionet's edges-5k.sif.gz plus the complete CbG, DaG and GpPW edges of the hetionet-sources files"),
            file("hetionet-sources/CbG-binding.tsv",
                    "evidence of the binding edges (PubMed ids, sources)"),
            file("hetionet-sources/DaG-association.tsv",
                    "evidence of the disease-gene edges"),
            file("drugbank-dhimmel/drugbank-slim.tsv",
                    "DrugBank slim: drug properties"),
            file("drugcentral/identifiers.tsv",
                    "DrugCentral identifiers: drug xrefs"),
            file("disease-ontology/slim-terms.tsv",
                    "Disease Ontology slim terms"),
            file("disease-ontology/xrefs-slim.tsv",
                    "Disease Ontology xrefs"),
            file("disease-ontology/xrefs-prop-slim.tsv",
                    "Disease Ontology xrefs of subsumed terms"),
            file("disease-ontology/DO-slim-to-mesh.tsv",
                    "Disease Ontology MeSH supplements"),
            file("disease-ontology/description.tsv",
                    "disease descriptions"),
            file("crosswalk/mesh_to_hetionet_disease.tsv",
                    "crosswalk MeSH -> Hetionet disease"),
            file("crosswalk/mesh_to_drugbank.tsv",
                    "crosswalk MeSH -> DrugBank"),
            file("crosswalk/uniprot_to_entrez.tsv",
                    "crosswalk UniProt -> Entrez gene"),
            file("clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv",
                    "ClinicalTrials.gov trials mapped to Hetionet drugs and diseases"),
            file("clinicaltrials/trials_hint_x_hetionet.tsv",
                    "HINT trial outcomes linked to Hetionet"),
            file("pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt",
                    "PubMed abstracts (BC5CDR train)"),
            file("pubmed/bc5cdr/CDR_DevelopmentSet.PubTator.txt",
                    "PubMed abstracts (BC5CDR development)"),
            file("pubmed/bc5cdr/CDR_TestSet.PubTator.txt",
                    "PubMed abstracts (BC5CDR test)"),
            file("pubmed/biored/Train.PubTator",
                    "PubMed abstracts (BioRED train)"),
            file("pubmed/biored/Dev.PubTator",
                    "PubMed abstracts (BioRED dev)"),
            file("pubmed/biored/Test.PubTator",
                    "PubMed abstracts (BioRED test)"),
            file("eval/hetionet_CtD_split.tsv",
                    "the evaluation split of the 755 TREATS edges"),
            file("pharmacotherapydb/indications.tsv",
                    "PharmacotherapyDB non-indications (hard negatives)"));

    /** The file with its source and licence as pinned in {@link DataCatalogue}: raw-file address or recipe. */
    private static DataFile file(String path, String purpose) {
        DataCatalogue.Entry entry = DataCatalogue.pinned().entry(path).orElseThrow(() -> new IllegalStateException(
                "The demo reads " + path + ", which the data catalogue does not list: add it to catalogue.tsv."));
        return new DataFile(path, purpose, entry.url() != null ? entry.url() : entry.source(), entry.licence());
    }

    /** The catalogue entries of {@link #FILES}: what the demo step 0 fetches or derives. */
    public static List<DataCatalogue.Entry> entries() {
        return FILES.stream().map(f -> DataCatalogue.pinned().entry(f.path()).orElseThrow()).toList();
    }

    private DemoData() {}

    /** The files of {@link #FILES} that are not regular files under {@code dataDir}. */
    public static List<DataFile> missing(Path dataDir) {
        List<DataFile> missing = new ArrayList<>();
        for (DataFile file : FILES) {
            if (!Files.isRegularFile(dataDir.resolve(file.path()))) {
                missing.add(file);
            }
        }
        return missing;
    }

    /**
     * Checks the data directory ({@code null}: none was given or found) and returns it, or throws an
     * {@link IllegalStateException} whose message names every missing file with its source and licence.
     */
    public static Path require(Path dataDir) {
        if (dataDir == null) {
            throw new IllegalStateException(message(null, FILES));
        }
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalStateException(message(dataDir, FILES));
        }
        List<DataFile> missing = missing(dataDir);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(dataDir, missing));
        }
        return dataDir;
    }

    /** What is missing where, where each file comes from, and how to point the demo at a copy. */
    static String message(Path dataDir, List<DataFile> missing) {
        StringBuilder text = new StringBuilder();
        if (dataDir == null) {
            text.append(Messages.format("No KEDRec data directory found: neither --data nor $%s is set, and there is "
                    + "no ../shared/data beside the repository. The demo reads these %d files:%n",
                    DataDirectory.ENV, missing.size()));
        } else if (!Files.isDirectory(dataDir)) {
            text.append(Messages.format("The data directory %s does not exist. The demo reads these %d files:%n",
                    dataDir, missing.size()));
        } else {
            text.append(Messages.format("The data directory %s is incomplete: %d of the %d files the demo reads %s "
                    + "missing:%n", dataDir, missing.size(), FILES.size(), missing.size() == 1 ? "is" : "are"));
        }
        for (DataFile file : missing) {
            text.append(Messages.format("  %s%n      %s%n      source:  %s%n      licence: %s%n", file.path(),
                    file.purpose(), file.source(), file.licence()));
        }
        text.append(Messages.format("Run `%s --dir /path/to/data` and `bin/kedrec data derive --dir /path/to/data` "
                + "(or copy the files into one folder under these relative paths; %s describes each), then run "
                + "`kedrec demo --data /path/to/data` or `export %s=/path/to/data`.", DataCatalogue.FETCH_COMMAND,
                DataCatalogue.README, DataDirectory.ENV));
        return text.toString();
    }
}
