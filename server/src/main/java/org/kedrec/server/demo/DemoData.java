package org.kedrec.server.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;

/**
 * The files of the data directory that the demo reads (import, dataset, training), each with where it comes from
 * and its licence, as documented in the data directory's README. {@link #check} says which are missing; the
 * message names every missing file, its public source and licence, and how to point the demo at a copy.
 */
public final class DemoData {
    /** One input file: its path inside the data directory, what it is for, its public source and licence. */
    public record DataFile(String path, String purpose, String source, String licence) {}

    private static final String HETIONET = "https://github.com/hetio/hetionet/blob/"
            + "8a6cc0c5604d0e2908786e4de38af67b8e46ee4a/";
    private static final String INTEGRATE = "https://github.com/dhimmel/integrate/blob/"
            + "93feba1765fbcd76fd79e22f25121f5399629148/";
    private static final String DISEASE_ONTOLOGY = "https://github.com/dhimmel/disease-ontology/blob/"
            + "052ffcc960f5897a0575f5feff904ca84b7d2c1d/";
    private static final String BC5CDR_TRAIN = "https://github.com/cryptoradon/biomedRelExt/blob/"
            + "e42e94570138158963ae4696298bf09232071740/CDR_Data/CDR.Corpus.v010516/";
    private static final String BC5CDR = "https://github.com/cryptoradon/biomedRelExt/blob/"
            + "3f113ff1aefd03b7ecf053a6bc33cc6a75532f20/CDR_Data/CDR.Corpus.v010516/";
    private static final String BIORED = "https://github.com/ndlongvn/BioRED-NER-RE/blob/"
            + "637e02c9746de045ef56dbf543d77602783d63d9/RE%20BioRED/data/BioRED/";
    private static final String PUBTATOR_BC5CDR = "NCBI public-domain notice (cite Wei et al. 2015, Li et al. 2015)";
    private static final String PUBTATOR_BIORED = "no explicit licence; NCBI/NLM dataset (cite Luo et al. 2022)";

    /** Everything the demo reads, in the order of the data directory's README. */
    public static final List<DataFile> FILES = List.of(
            new DataFile("hetionet/hetionet-v1.0-nodes.tsv", "Hetionet v1.0 nodes (all 47,031)",
                    HETIONET + "hetnet/tsv/hetionet-v1.0-nodes.tsv", "CC0 1.0"),
            new DataFile("derived/hetionet-v1.0-edges-demo.sif.gz",
                    "the demo edges (193,242): Hetionet's edges-5k.sif.gz plus the complete CbG, DaG and GpPW edges "
                            + "of the hetionet-sources files",
                    INTEGRATE + "data/edges-5k.sif.gz (derived)", "CC0 1.0 (integrated sources keep their terms)"),
            new DataFile("hetionet-sources/CbG-binding.tsv", "evidence of the binding edges (PubMed ids, sources)",
                    INTEGRATE + "compile/CbG-binding.tsv",
                    "per row: CC BY-NC 4.0 (DrugBank), CC BY-SA 3.0 (ChEMBL), CC BY 4.0, CC BY 3.0"),
            new DataFile("hetionet-sources/DaG-association.tsv", "evidence of the disease-gene edges",
                    INTEGRATE + "compile/DaG-association.tsv", "per row: ODbL 1.0 (DisGeNET), CC BY 4.0"),
            new DataFile("drugbank-dhimmel/drugbank-slim.tsv", "DrugBank slim: drug properties",
                    "https://github.com/dhimmel/drugbank/blob/6b9ae386d6ba4a0eca2d66d4b0337a6e90fe81f4/data/"
                            + "drugbank-slim.tsv", "CC BY-NC 4.0"),
            new DataFile("drugcentral/identifiers.tsv", "DrugCentral identifiers: drug xrefs",
                    "https://github.com/olegursu/drugtarget/blob/64630f7c2bc050f5af0a7cac7b08e778125284bc/"
                            + "identifiers.tsv", "CC BY 4.0"),
            new DataFile("disease-ontology/slim-terms.tsv", "Disease Ontology slim terms",
                    DISEASE_ONTOLOGY + "data/slim-terms.tsv", "CC BY 3.0"),
            new DataFile("disease-ontology/xrefs-slim.tsv", "Disease Ontology xrefs",
                    DISEASE_ONTOLOGY + "data/xrefs-slim.tsv", "CC BY 3.0"),
            new DataFile("disease-ontology/xrefs-prop-slim.tsv", "Disease Ontology xrefs of subsumed terms",
                    DISEASE_ONTOLOGY + "data/xrefs-prop-slim.tsv", "CC BY 3.0"),
            new DataFile("disease-ontology/DO-slim-to-mesh.tsv", "Disease Ontology MeSH supplements",
                    DISEASE_ONTOLOGY + "requests/DO-slim-to-mesh.tsv", "CC0 1.0"),
            new DataFile("disease-ontology/description.tsv", "disease descriptions",
                    DISEASE_ONTOLOGY + "data/description.tsv", "CC BY 3.0"),
            new DataFile("crosswalk/mesh_to_hetionet_disease.tsv", "crosswalk MeSH -> Hetionet disease",
                    "derived from the Disease Ontology xrefs (see the data README, section 7)", "CC BY 3.0"),
            new DataFile("crosswalk/mesh_to_drugbank.tsv", "crosswalk MeSH -> DrugBank",
                    "derived from DrugCentral identifiers (see the data README, section 7)", "CC BY 4.0"),
            new DataFile("crosswalk/uniprot_to_entrez.tsv", "crosswalk UniProt -> Entrez gene",
                    "derived from DrugBank proteins and DrugCentral targets (see the data README, section 7)",
                    "CC BY-NC 4.0 / CC BY 4.0"),
            new DataFile("clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv",
                    "ClinicalTrials.gov trials mapped to Hetionet drugs and diseases",
                    "https://github.com/dhimmel/clintrials/blob/4d63098c79042b7048f546720e727bc94e232182/data/"
                            + "DrugBank-DO-slim.tsv", "CC0 1.0 + ClinicalTrials.gov terms"),
            new DataFile("clinicaltrials/trials_hint_x_hetionet.tsv", "HINT trial outcomes linked to Hetionet",
                    "derived from https://github.com/futianfan/clinical-trial-outcome-prediction/tree/"
                            + "8dc0497f23fdb84e2905da7655924a91e6e79798/data (HINT)",
                    "non-commercial use only (HINT benchmark usage agreement)"),
            new DataFile("pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt", "PubMed abstracts (BC5CDR train)",
                    BC5CDR_TRAIN + "CDR_TrainingSet.PubTator.txt", PUBTATOR_BC5CDR),
            new DataFile("pubmed/bc5cdr/CDR_DevelopmentSet.PubTator.txt", "PubMed abstracts (BC5CDR development)",
                    BC5CDR + "CDR_DevelopmentSet.PubTator.txt", PUBTATOR_BC5CDR),
            new DataFile("pubmed/bc5cdr/CDR_TestSet.PubTator.txt", "PubMed abstracts (BC5CDR test)",
                    BC5CDR + "CDR_TestSet.PubTator.txt", PUBTATOR_BC5CDR),
            new DataFile("pubmed/biored/Train.PubTator", "PubMed abstracts (BioRED train)",
                    BIORED + "Train.PubTator", PUBTATOR_BIORED),
            new DataFile("pubmed/biored/Dev.PubTator", "PubMed abstracts (BioRED dev)",
                    BIORED + "Dev.PubTator", PUBTATOR_BIORED),
            new DataFile("pubmed/biored/Test.PubTator", "PubMed abstracts (BioRED test)",
                    BIORED + "Test.PubTator", PUBTATOR_BIORED),
            new DataFile("eval/hetionet_CtD_split.tsv", "the evaluation split of the 755 TREATS edges",
                    "derived from Hetionet CtD (SHA-1 of compound|disease mod 5; see the data README, section 7)",
                    "CC0 1.0"),
            new DataFile("pharmacotherapydb/indications.tsv", "PharmacotherapyDB non-indications (hard negatives)",
                    "https://github.com/dhimmel/indications/blob/11d535ba0884ee56c3cd5756fdfb4985f313bd80/catalog/"
                            + "indications.tsv", "CC0 1.0"));

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
        text.append(Messages.format("Copy them into one folder under these relative paths (the data README, "
                + "shared/data/README.md, describes each), then run `kedrec demo --data /path/to/data` or "
                + "`export %s=/path/to/data`.", DataDirectory.ENV));
        return text.toString();
    }
}
