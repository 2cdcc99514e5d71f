#!/usr/bin/env python3
"""Writes the pinned data catalogue (core/src/main/resources/org/kedrec/core/data/catalogue.tsv) from a data
directory: sizes and SHA-256 are computed from the files, sources and licences come from the table below (which
follows the data README, docs/data.md). Run: python3 docs/tools/data_catalogue.py ../shared/data > catalogue.tsv"""
import gzip, hashlib, os, sys
from urllib.parse import quote

HETIONET = ("hetio/hetionet", "8a6cc0c5604d0e2908786e4de38af67b8e46ee4a")
INTEGRATE = ("dhimmel/integrate", "93feba1765fbcd76fd79e22f25121f5399629148")
DO = ("dhimmel/disease-ontology", "052ffcc960f5897a0575f5feff904ca84b7d2c1d")
DC = ("olegursu/drugtarget", "64630f7c2bc050f5af0a7cac7b08e778125284bc")
CT = ("dhimmel/clintrials", "4d63098c79042b7048f546720e727bc94e232182")
HINT = ("futianfan/clinical-trial-outcome-prediction", "8dc0497f23fdb84e2905da7655924a91e6e79798")
CDR_TRAIN = ("cryptoradon/biomedRelExt", "e42e94570138158963ae4696298bf09232071740")
CDR = ("cryptoradon/biomedRelExt", "3f113ff1aefd03b7ecf053a6bc33cc6a75532f20")
BIORED = ("ndlongvn/BioRED-NER-RE", "637e02c9746de045ef56dbf543d77602783d63d9")
DRKG = ("gnn4dr/DRKG", "d4bb197")
POLO = ("liu-yushan/PoLo", "336331f7cb3d251b516e414bb78c514b8ceb82ac")
NC = "non-commercial"
OPEN = "open"
BC5 = "NCBI public-domain notice"

# path -> (source, source path, licence, terms)
ORIGINALS = {
    "hetionet/hetionet-v1.0-nodes.tsv": (HETIONET, "hetnet/tsv/hetionet-v1.0-nodes.tsv", "CC0 1.0", OPEN),
    "hetionet/metaedges.tsv": (HETIONET, "describe/edges/metaedges.tsv", "CC0 1.0", OPEN),
    "hetionet/metanodes.tsv": (HETIONET, "describe/nodes/metanodes.tsv", "CC0 1.0", OPEN),
    "hetionet/definitions.json": (HETIONET, "describe/definitions.json", "CC0 1.0", OPEN),
    "hetionet/hetionet-v1.0-metagraph.json": (HETIONET, "hetnet/json/hetionet-v1.0-metagraph.json", "CC0 1.0", OPEN),
    "hetionet/tsv-README.md": (HETIONET, "hetnet/tsv/README.md", "CC0 1.0", OPEN),
    "hetionet-integrate/edges-5k.sif.gz": (INTEGRATE, "data/edges-5k.sif.gz", "CC0 1.0 (integrated sources keep their terms)", OPEN),
    "hetionet-integrate/edges-10.sif": (INTEGRATE, "data/edges-10.sif", "CC0 1.0", OPEN),
    "hetionet-sources/CbG-binding.tsv": (INTEGRATE, "compile/CbG-binding.tsv", "per row: CC BY-NC 4.0 (DrugBank), CC BY-SA 3.0 (ChEMBL), CC BY 4.0 (DrugCentral), CC BY 3.0 (BindingDB)", NC),
    "hetionet-sources/DaG-association.tsv": (INTEGRATE, "compile/DaG-association.tsv", "per row: ODbL 1.0 (DisGeNET), CC BY 4.0 (DISEASES)", OPEN),
    "hetionet-sources/pathways.tsv": (("dhimmel/pathways", "1bd2c68853e38297d20f8f885419ff81fc0608a8"), "data/pathways.tsv", "CC0 1.0; per row WikiPathways CC BY 3.0, Reactome CC BY 4.0", OPEN),
    "pharmacotherapydb/indications.tsv": (("dhimmel/indications", "11d535ba0884ee56c3cd5756fdfb4985f313bd80"), "catalog/indications.tsv", "CC0 1.0", OPEN),
    "pharmacotherapydb/diseases.tsv": (("dhimmel/indications", "11d535ba0884ee56c3cd5756fdfb4985f313bd80"), "catalog/diseases.tsv", "CC0 1.0", OPEN),
    "pharmacotherapydb/drugs.tsv": (("dhimmel/indications", "11d535ba0884ee56c3cd5756fdfb4985f313bd80"), "catalog/drugs.tsv", "CC0 1.0", OPEN),
    "drugbank-dhimmel/drugbank-slim.tsv": (("dhimmel/drugbank", "6b9ae386d6ba4a0eca2d66d4b0337a6e90fe81f4"), "data/drugbank-slim.tsv", "DrugBank content CC BY-NC 4.0", NC),
    "drugbank-dhimmel/proteins.tsv": (("dhimmel/drugbank", "6b9ae386d6ba4a0eca2d66d4b0337a6e90fe81f4"), "data/proteins.tsv", "DrugBank content CC BY-NC 4.0", NC),
    "disease-ontology/slim-terms.tsv": (DO, "data/slim-terms.tsv", "CC BY 3.0", OPEN),
    "disease-ontology/xrefs-slim.tsv": (DO, "data/xrefs-slim.tsv", "CC BY 3.0", OPEN),
    "disease-ontology/xrefs-prop-slim.tsv": (DO, "data/xrefs-prop-slim.tsv", "CC BY 3.0", OPEN),
    "disease-ontology/DO-slim-to-mesh.tsv": (DO, "requests/DO-slim-to-mesh.tsv", "CC0 1.0", OPEN),
    "disease-ontology/description.tsv": (DO, "data/description.tsv", "CC BY 3.0", OPEN),
    "drugcentral/identifiers.tsv": (DC, "identifiers.tsv", "CC BY 4.0", OPEN),
    "drugcentral/drug_target.tsv": (DC, "drug_target.tsv", "CC BY 4.0", OPEN),
    "drugcentral/idtype.tsv": (DC, "idtype.tsv", "CC BY 4.0", OPEN),
    "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv": (CT, "data/DrugBank-DO-slim.tsv", "CC0 1.0 + ClinicalTrials.gov terms", OPEN),
    "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim-counts.tsv": (CT, "data/DrugBank-DO-slim-counts.tsv", "CC0 1.0 + ClinicalTrials.gov terms", OPEN),
    "clinicaltrials/dhimmel-clintrials/terms.md": (CT, "download/terms.md", "ClinicalTrials.gov terms", OPEN),
    "clinicaltrials/ctgov-api-v2/ctg-studies.json": (("dgg32/graph_bigquery", "a1a912b0eef024361c3f7604337820fdd36a9d29"), "ctg-studies.json", "MIT (repository); data ClinicalTrials.gov terms", OPEN),
    "clinicaltrials/hint/README.md": (HINT, "data/README.md", "HINT benchmark usage agreement: non-commercial use only", NC),
    "pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt": (CDR_TRAIN, "CDR_Data/CDR.Corpus.v010516/CDR_TrainingSet.PubTator.txt", BC5, OPEN),
    "pubmed/bc5cdr/CDR_DevelopmentSet.PubTator.txt": (CDR, "CDR_Data/CDR.Corpus.v010516/CDR_DevelopmentSet.PubTator.txt", BC5, OPEN),
    "pubmed/bc5cdr/CDR_TestSet.PubTator.txt": (CDR, "CDR_Data/CDR.Corpus.v010516/CDR_TestSet.PubTator.txt", BC5, OPEN),
    "pubmed/bc5cdr/README.txt": (CDR_TRAIN, "CDR_Data/README.txt", BC5, OPEN),
    "drkg/COVID19_clinical_trial_drugs.tsv": (DRKG, "drug_repurpose/COVID19_clinical_trial_drugs.tsv", "Apache-2.0", OPEN),
    "drkg/infer_drug.tsv": (DRKG, "drug_repurpose/infer_drug.tsv", "Apache-2.0", OPEN),
    "drkg/covid19-host-genes.tsv": (DRKG, "drug_repurpose/coronavirus-host-genes.tsv", "Apache-2.0", OPEN),
    "drkg/coronavirus-related-host-genes.tsv": (DRKG, "drug_repurpose/coronavirus-related-host-genes.tsv", "Apache-2.0", OPEN),
    "drkg/licenses-Readme.md": (DRKG, "licenses/Readme.md", "Apache-2.0", OPEN),
    "drkg/slimDRKG_relation_glossary.xlsx": (DRKG, "data/relation_glossary.xlsx", "Apache-2.0", OPEN),
    "eval/polo/LICENSE": (POLO, "LICENSE", "Apache-2.0", OPEN),
    "fixtures/CDR_sample.txt": (("JHnlp/BioCreative-V-CDR-Corpus", "dd0b3165a94338874979a2a8aaedf74b67466b9c"), "CDR_sample.txt", BC5, OPEN),
}
for split in ("train", "dev", "test"):
    ORIGINALS["eval/polo/%s.txt" % split] = (POLO, "datasets/Hetionet/%s.txt" % split, "Apache-2.0", OPEN)
for name in ("Train", "Dev", "Test"):
    ORIGINALS["pubmed/biored/%s.PubTator" % name] = (BIORED, "RE BioRED/data/BioRED/%s.PubTator" % name, "no explicit licence (NCBI/NLM dataset; cite Luo et al. 2022)", OPEN)
for name in ("phase_I_train", "phase_I_valid", "phase_I_test", "phase_II_valid", "phase_III_valid", "phase_III_test"):
    ORIGINALS["clinicaltrials/hint/%s.csv" % name] = (HINT, "data/%s.csv" % name, "HINT benchmark usage agreement: non-commercial use only", NC)

# derived path -> (recipe, licence, terms); recipe "-" = no recipe in the repository (kept from the data copy)
DERIVED = {
    "derived/hetionet-v1.0-edges-demo.sif.gz": ("demo-edges", "CC0 1.0 (integrated sources keep their terms)", OPEN),
    "fixtures/hetionet-nodes-for-edges-10.tsv": ("fixture-nodes", "CC0 1.0", OPEN),
    "eval/hetionet_CtD_split.tsv": ("ctd-split", "CC0 1.0", OPEN),
    "crosswalk/mesh_to_hetionet_disease.tsv": ("mesh-disease", "CC BY 3.0", OPEN),
    "crosswalk/mesh_to_drugbank.tsv": ("-", "CC BY 4.0", OPEN),
    "crosswalk/uniprot_to_entrez.tsv": ("uniprot-entrez", "CC BY-NC 4.0 (DrugBank) / CC BY 4.0 (DrugCentral)", NC),
    "clinicaltrials/trials_hint_x_hetionet.tsv": ("hint-links", "HINT benchmark usage agreement: non-commercial use only", NC),
    "fixtures/ctg-studies-5.json": ("ctg-studies-5", "MIT (repository); data ClinicalTrials.gov terms", OPEN),
    "eval/disease_coverage.tsv": ("-", "CC0 1.0", OPEN),
    "drkg/drkg_relation_types.tsv": ("-", "Apache-2.0", OPEN),
}

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

def main(data):
    sample = sorted(os.listdir(os.path.join(data, "clinicaltrials/dhimmel-clintrials/sample")))
    for name in sample:
        ORIGINALS["clinicaltrials/dhimmel-clintrials/sample/" + name] = (CT, "download/sample/" + name, "ClinicalTrials.gov terms", OPEN)
    print("# The pinned data catalogue: every file kedrec reads from the data directory. Written by "
          "docs/tools/data_catalogue.py; see docs/data.md.")
    print("# bytes and sha256 are those of the file, except for a derived .gz: those of its decompressed content.")
    print("# recipe: the `kedrec data derive` recipe that writes a derived file; - = none (comes with a copy of the data).")
    print("# No recipe, because a source is not in this catalogue: crosswalk/mesh_to_drugbank.tsv and eval/disease_coverage.tsv need DrugMechDB; drkg/drkg_relation_types.tsv needs DRKG's drkg.tsv (S3 tarball only). data derive writes the DrugCentral part of the first (docs/data.md).")
    print("\t".join(["path", "kind", "bytes", "sha256", "terms", "licence", "repository", "commit", "source_path", "url", "recipe"]))
    rows = []
    for path, ((repo, commit), source, licence, terms) in ORIGINALS.items():
        url = "https://raw.githubusercontent.com/%s/%s/%s" % (repo, commit, quote(source))
        rows.append([path, "original", str(os.path.getsize(os.path.join(data, path))), sha256(os.path.join(data, path)),
                     terms, licence, repo, commit, source, url, "-"])
    for path, (recipe, licence, terms) in DERIVED.items():
        full = os.path.join(data, path)
        if path.endswith(".gz"):
            # A derived .gz is pinned by its decompressed content: gzip bytes depend on the compressor.
            content = gzip.open(full).read()
            size, digest = len(content), hashlib.sha256(content).hexdigest()
        else:
            size, digest = os.path.getsize(full), sha256(full)
        rows.append([path, "derived", str(size), digest, terms, licence, "-", "-", "-", "-", recipe])
    rows.append(["hetionet/hetionet-v1.0-edges.sif.gz", "full", "12401407",
                 "611f0411ac666be4e0270e54bbca67407e14720bfc3099311f0f5eec25c5a947", OPEN, "CC0 1.0 (integrated sources keep their terms)",
                 "hetio/hetionet", "38873689199f81b0e6e11554d9803b94f0c4a12c", "hetnet/tsv/hetionet-v1.0-edges.sif.gz",
                 "https://media.githubusercontent.com/media/hetio/hetionet/38873689199f81b0e6e11554d9803b94f0c4a12c/hetnet/tsv/hetionet-v1.0-edges.sif.gz", "-"])
    for row in sorted(rows, key=lambda r: ({"original": 0, "derived": 1, "full": 2}[r[1]], r[0])):
        print("\t".join(row))
    listed = {r[0] for r in rows}
    for root, _, files in os.walk(data):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), data)
            if rel not in listed and rel not in ("README.md", "MANIFEST.md5"):
                sys.exit("not in the catalogue: " + rel)

main(sys.argv[1])
