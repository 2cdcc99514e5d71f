package org.kedrec.plugin;

/**
 * Descriptions shown by {@code SHOW PROCEDURES} / {@code SHOW FUNCTIONS}, kept in one place (GDS style). Every
 * config key of a procedure appears in its config argument's description; a test checks them against the config
 * records' key lists.
 */
final class Constants {
    static final String VERSION_DESCRIPTION =
            "Returns the version of the KEDRec plugin loaded into this server (the Neo4j line it is built for, "
                    + "then the plugin's own number), e.g. '5.26.18.0'.";

    // Arguments shared by several procedures.
    static final String DISEASE_ARG =
            "The disease: its CURIE id (e.g. 'DOID:10763'), any of its xrefs (e.g. 'MESH:D006973') or its exact "
                    + "name, case-insensitive (e.g. 'hypertension').";
    static final String DRUG_ARG =
            "The drug: its CURIE id (e.g. 'DrugBank:DB00381'), any of its xrefs or its exact name, "
                    + "case-insensitive (e.g. 'Amlodipine').";

    // kedrec.recommend
    static final String RECOMMEND = "Ranks the drugs most likely to treat a disease with the KEDRec model, each with "
            + "real graph paths from the disease to the drug, the trials and publications that support it, and a "
            + "rationale. Only the YIELDed columns are computed.";
    static final String RECOMMEND_CONFIG = "Optional settings: k :: INTEGER (10, at most kedrec.recommend.max_k), "
            + "pathsPerDrug :: INTEGER (3), maxPathLength :: INTEGER (3, from 2 to 4), excludeKnown :: BOOLEAN (true: "
            + "drugs that already TREAT the disease are left out), rationale :: STRING ('teacher' | 'student' | "
            + "'none', default 'teacher'), model :: STRING (default: the loaded default model), order :: STRING "
            + "('mechanism' | 'pathCount' | 'database', default 'mechanism': mechanism paths first, pharmacokinetic "
            + "last), kinds :: LIST<STRING> (path kinds to keep: 'mechanism', 'similarity', 'clinical', "
            + "'pharmacokinetic'; default all).";
    static final String RANK = "Position in the ranking, 1 for the best drug.";
    static final String DRUG_NODE = "The drug node.";
    static final String SCORE = "The model's probability that the drug treats the disease (0 to 1).";
    static final String PATHS = "Explanation paths through the graph, each starting at the disease and ending at the "
            + "drug, best first.";
    static final String RATIONALE = "Why the drug fits, citing the evidence: [E1], [E2], ... are the slots of the "
            + "evidence list, trials and publications appear with their ids. Null with rationale: 'none'.";
    static final String EVIDENCE = "The evidence behind the drug, numbered as the rationale cites it: maps with slot, "
            + "kind ('path', 'trial' or 'publication'), drug, text and score, plus metapath, pathKind ('mechanism', "
            + "'similarity', 'clinical' or 'pharmacokinetic') and nodes for a path, id "
            + "and title for trials and publications, phase, status and outcome for trials.";

    // kedrec.explain
    static final String EXPLAIN = "Explains one disease-drug pair: one row per explanation path (from the disease to "
            + "the drug, best first), each with the pair's rationale and evidence; one row with a null path when the "
            + "graph has none.";
    static final String EXPLAIN_CONFIG = "Optional settings: paths :: INTEGER (5), maxPathLength :: INTEGER (3, from 2 "
            + "to 4), rationale :: STRING ('teacher' | 'student' | 'none', default 'teacher'), model :: STRING "
            + "(default: the loaded default model), order :: STRING ('mechanism' | 'pathCount' | 'database', default "
            + "'mechanism': mechanism paths first, pharmacokinetic last), kinds :: LIST<STRING> (path kinds to keep: "
            + "'mechanism', 'similarity', 'clinical', 'pharmacokinetic'; default all).";
    static final String PATH = "An explanation path from the disease to the drug, or null when there is none.";
    static final String METAPATH = "The path's metapath in Hetionet's notation, e.g. CbGaD (the drug binds a gene "
            + "associated with the disease).";
    static final String PATH_SCORE = "The path's specificity: its degree-weighted path count term (Himmelstein et al. "
            + "2017), higher for paths through less connected nodes. 0 without a path.";
    static final String PATH_KIND = "What kind of reason the path gives: 'mechanism' (through the drug's target and "
            + "the biology tying it to the disease), 'similarity' (through another drug, class, side effect or "
            + "disease), 'clinical' (through a trial or publication) or 'pharmacokinetic' (leaving the drug through a "
            + "protein it binds only as an enzyme's, transporter's or carrier's substrate, whatever follows: no "
            + "mechanism of action, no similarity that bears on the disease). Null without a path.";
    static final String MODEL_SCORE = "The model's probability that the drug treats the disease (0 to 1).";

    // kedrec.select
    static final String SELECT = "The paper's task: chooses, among a few candidate drugs, the one that treats the "
            + "disease, with each candidate's probability and a rationale for the choice. The model's student "
            + "chooses (with the ranker's vote when it was trained with the ranker as a tool); without a student the "
            + "ranker does, and the selectedBy column says so.";
    static final String DRUGS_ARG = "The candidate drugs (1 to 8), each by id, xref or exact name.";
    static final String SELECT_CONFIG = "Optional settings: pathsPerDrug :: INTEGER and maxPathLength :: INTEGER (2 to "
            + "4), both by default the student's (its dataset's settings, student.prompt in kedrec.model.info; 3 and 3 "
            + "without a student): other values give the student a prompt it never trained on; rationale :: STRING "
            + "('teacher' | 'student' | 'none', default 'student' when the model has a student, else 'teacher'), "
            + "model :: STRING (default: the loaded default model).";
    static final String CANDIDATE = "A candidate drug node, in the order given.";
    static final String PROBABILITY = "The probability that this candidate is the one that treats the disease; the "
            + "candidates' probabilities sum to 1.";
    static final String SELECTED = "True for the chosen candidate.";
    static final String SELECT_RATIONALE = "On the chosen candidate's row: why it was chosen over the others, citing "
            + "the evidence; null on the other rows and with rationale: 'none'.";
    static final String SELECTED_BY = "Who chose: 'student' (KEDRec-LM), 'student+ranker' (KEDRec-LM's likelihoods plus "
            + "the ranker's log-odds at the weight fitted on validation pairs, for a student trained with the ranker as "
            + "a tool), 'ranker+student (unseen disease)' (the same two, the ranker weighing most, for a disease the "
            + "student never trained on), or 'ranker' when the model has no student.";

    // kedrec.recommend.write
    static final String WRITE = "Writes the top-k predictions of every disease (or of the listed ones) as "
            + "(:Drug)-[:PREDICTED_TREATS {score, rank, model, version, trainedAt}]->(:Disease), for BI tools. "
            + "Re-running replaces the predictions of the same model for those diseases; runs in the caller's "
            + "transaction, so it is all or nothing, and stops when the transaction is terminated.";
    static final String WRITE_CONFIG = "Optional settings: k :: INTEGER (10, at most kedrec.recommend.max_k), "
            + "diseases :: LIST<STRING> (default: every disease), excludeKnown :: BOOLEAN (true), batchSize :: INTEGER "
            + "(25 diseases between termination checks and progress lines), model :: STRING (default: the loaded "
            + "default model).";
    static final String WRITE_DISEASES = "Diseases whose predictions were written.";
    static final String WRITE_SKIPPED = "Diseases skipped because the model was not trained on them.";
    static final String WRITE_DELETED = "Earlier PREDICTED_TREATS relationships of this model that were replaced.";
    static final String WRITE_CREATED = "PREDICTED_TREATS relationships written.";
    static final String WRITE_MODEL = "The model's name, as written in the model property.";
    static final String WRITE_VERSION = "The model's version, as written in the version property.";
    static final String WRITE_MILLIS = "Time taken in milliseconds.";

    // kedrec.model.*
    static final String MODEL_LIST = "Lists the models the server knows: the default model (kedrec.model.dir) and "
            + "every model folder under kedrec.model.home, with their state.";
    static final String MODEL_INFO = "Describes a model (default: the one calls use): its state, what it is, where it "
            + "runs, how long loading took, its training metrics and the hash of its training data. Works even when "
            + "the model failed to load, and then says why.";
    static final String MODEL_LOAD = "Loads (or reloads) a model and makes it the one calls use by default. Re-reads "
            + "kedrec.conf first. The previous model is closed once the calls using it have returned.";
    static final String MODEL_NAME_ARG = "The model's name: its folder under kedrec.model.home, or the default model's "
            + "folder name. Empty for the default model.";
    static final String MODEL_NAME = "The model's name (its folder name).";
    static final String MODEL_PATH = "The model directory.";
    static final String MODEL_STATE = "'loaded', 'loading', 'failed', 'not loaded', 'unknown' or 'not configured'.";
    static final String MODEL_ERROR = "Why the model is not usable, or null.";
    static final String MODEL_DEFAULT = "True for the model set by kedrec.model.dir.";
    static final String MODEL_ACTIVE = "True for the model calls use when they name none.";
    static final String MODEL_COMPONENTS = "The parts of the model directory listed in model.json, e.g. ranker, "
            + "student.";
    static final String MODEL_CREATED = "When the model was created (ISO-8601), from model.json.";
    static final String MODEL_HASH = "SHA-256 of the data the model was trained on.";
    static final String MODEL_KIND = "What ranks the drugs, e.g. 'ComplEx + metapath logistic regression'.";
    static final String MODEL_ENGINE = "The deep learning engine and its version.";
    static final String MODEL_DEVICE = "Where the model runs, e.g. cpu() or gpu(0).";
    static final String MODEL_PARAMETERS = "Number of trained parameters of the ranker.";
    static final String MODEL_LOAD_MILLIS = "How long loading took, in milliseconds.";
    static final String MODEL_LOADED_AT = "When the model was loaded (ISO-8601).";
    static final String MODEL_VERSION = "The version of the software that trained the model.";
    static final String MODEL_METRICS = "The ranker's training and validation metrics (metrics.json).";
    static final String MODEL_COUNTS = "How many entities, drugs and diseases the ranker knows.";
    static final String MODEL_STUDENT = "The student (KEDRec-LM): kind, parameters, device, maxSeqLen, directory, "
            + "rankerWeight (the weight of the ranker's log-odds in kedrec.select; 0: the student alone), "
            + "unseenDiseaseVote and prompt (the evidence per candidate it trained on, which kedrec.select gives it), "
            + "or the reason there is none.";
    static final String MODEL_SETTINGS = "The plugin's settings and where each came from (kedrec.conf or the "
            + "environment), with any ignored lines.";

    // kedrec.score
    static final String SCORE_FUNCTION = "The model's probability (0 to 1) that the drug treats the disease; the same "
            + "number kedrec.recommend returns as score.";

    private Constants() {}
}
