package org.kedrec.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kedrec.commandline.Sessions;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.graph.RelationTypes;
import org.kedrec.importer.drkg.DrkgImport;
import org.kedrec.importer.hetionet.HetionetImport;
import org.kedrec.importer.io.Problems;
import org.kedrec.importer.pubmed.PubmedImport;
import org.kedrec.importer.trials.TrialSources;
import org.kedrec.importer.trials.TrialsImport;
import org.kedrec.importer.write.GraphCounts;
import org.kedrec.importer.write.AdminImportFiles;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.OfflineGraph;
import org.kedrec.importer.write.ImportStats;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Loads the KEDRec graph into any Neo4j over the Java driver: a local server, a harness, Docker, a cluster or Aura.
 *
 * <pre>{@code
 * try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:7687", AuthTokens.basic("neo4j", password))) {
 *     ImportReport report = new Importer(driver, ImportOptions.defaults()).importAll(dataDir);
 * }
 * }</pre>
 *
 * <p>Every import applies {@code cypher/schema.cypher} first (idempotent), writes in batches of one transaction
 * each, and returns an {@link ImportReport}. Re-running an import changes no counts; a failed import leaves no
 * half-written batch and can simply be run again. Bad input lines stop the import with a message naming the file,
 * the line and the fix, or are skipped and counted ({@link OnError#SKIP}).
 *
 * <p>Side files (DrugBank properties, Disease Ontology and crosswalk xrefs, edge evidence) come from
 * {@link ImportOptions#dataDirectory()}, or the usual data directory ({@code KEDREC_DATA}, else
 * {@code ../shared/data}).
 *
 * <p>An importer may be reused for several imports, one at a time.
 */
public final class Importer {

    /** The demo set's files, relative to the data directory. */
    public static final String DEMO_NODES = "hetionet/hetionet-v1.0-nodes.tsv";

    public static final String DEMO_EDGES = "derived/hetionet-v1.0-edges-demo.sif.gz";
    public static final List<String> DEMO_PUBMED = List.of(
            "pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt",
            "pubmed/bc5cdr/CDR_DevelopmentSet.PubTator.txt",
            "pubmed/bc5cdr/CDR_TestSet.PubTator.txt",
            "pubmed/biored/Train.PubTator",
            "pubmed/biored/Dev.PubTator",
            "pubmed/biored/Test.PubTator");
    public static final List<String> DEMO_DRKG = List.of(
            "drkg/covid19-host-genes.tsv", "drkg/coronavirus-related-host-genes.tsv");

    private final Driver driver;
    private final ImportOptions options;
    private final RelationTypes relationTypes;
    /** The in-memory graph of an offline import, or null when importing over Bolt. */
    private final OfflineGraph offline;
    private boolean schemaApplied;

    public Importer(Driver driver, ImportOptions options) {
        this(Objects.requireNonNull(driver, "driver"), options, null);
    }

    private Importer(Driver driver, ImportOptions options, OfflineGraph offline) {
        this.driver = driver;
        this.options = options;
        this.relationTypes = RelationTypes.load();
        this.offline = offline;
    }

    /**
     * An importer that reads the same inputs with the same mapping, but builds the graph in memory (in
     * {@code graph}) instead of writing it over Bolt: the first load of an empty database through
     * {@code neo4j-admin database import} ({@link AdminImportFiles#write} writes its files). Its reports count
     * what the graph holds; the schema is applied once the database runs ({@link #applySchema} on an online
     * importer).
     */
    public static Importer offline(OfflineGraph graph, ImportOptions options) {
        return new Importer(null, options, Objects.requireNonNull(graph, "graph"));
    }

    /**
     * Runs every statement of {@code cypher/schema.cypher} (constraints on {@code id}, name and full-text indexes),
     * then waits for the indexes to come online. Idempotent.
     */
    public void applySchema() {
        requireOnline("apply the schema");
        try (Session session = driver.session(Sessions.forDatabase(options.database()))) {
            for (String statement : GraphSchema.statements()) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        }
        schemaApplied = true;
    }

    /**
     * Hetionet nodes (TSV) and edges (SIF, plain or gzip), with node properties, xrefs and edge evidence from the
     * data directory's side files.
     */
    public ImportReport importHetionet(Path nodesTsv, Path edgesSif) {
        return run(ctx -> step(ctx, "hetionet", () -> new HetionetImport(ctx).run(nodesTsv, edgesSif)));
    }

    /**
     * DRKG-format triples ({@code head<TAB>relation<TAB>tail}, e.g. {@code Compound::DB00997}). Entities resolve to
     * the graph's nodes (a MeSH disease to the Hetionet disease that lists it as an xref); missing ones are created
     * when their kind is a KEDRec label, and triples touching other kinds (Atc, Tax) are counted as ignored.
     */
    public ImportReport importDrkg(Path... triples) {
        return run(ctx -> step(ctx, "drkg", () -> new DrkgImport(ctx).run(List.of(triples))));
    }

    /**
     * Clinical trials from the data directory, merged on the NCT id: the dhimmel trial map (TESTS/STUDIES to
     * Hetionet ids), HINT outcomes (linked through {@code trials_hint_x_hetionet.tsv}), the classic XML samples and
     * the ClinicalTrials.gov API v2 JSON (linked through MeSH ids and names).
     */
    public ImportReport importTrials(Path dataDir) {
        return importTrials(TrialSources.of(dataDir));
    }

    /** Clinical trials from the given sources (e.g. {@link TrialSources#ctgovJson} for API v2 downloads only). */
    public ImportReport importTrials(TrialSources sources) {
        return run(ctx -> step(ctx, "trials", () -> new TrialsImport(ctx).run(sources)));
    }

    /**
     * PubTator files (BC5CDR, BioRED): Publications merged by PMID, MENTIONS to linked nodes with a mention
     * count, and the corpora's asserted relations with their PMIDs. The corpus is named from the file
     * ({@code CDR_*} is BC5CDR, {@code *.PubTator} under a {@code biored} folder is BioRED).
     */
    public ImportReport importPubmed(Path... files) {
        return run(ctx -> step(ctx, "pubmed", () -> new PubmedImport(ctx).run(List.of(files))));
    }

    /**
     * The whole demo set: all Hetionet nodes with the demo edges, the clinical trials, and the BC5CDR and BioRED
     * abstracts. (DRKG triples are not part of it: {@link #importDrkg}.)
     */
    public ImportReport importAll(Path dataDir) {
        return run(ctx -> {
            Path nodes = require(dataDir, DEMO_NODES);
            Path edges = require(dataDir, DEMO_EDGES);
            List<Path> pubmed = new ArrayList<>();
            for (String file : DEMO_PUBMED) {
                pubmed.add(require(dataDir, file));
            }
            step(ctx, "hetionet", () -> new HetionetImport(ctx).run(nodes, edges));
            step(ctx, "trials", () -> new TrialsImport(ctx).run(TrialSources.of(dataDir)));
            step(ctx, "pubmed", () -> new PubmedImport(ctx).run(pubmed));
        });
    }

    private static Path require(Path dataDir, String relative) {
        Path file = dataDir.resolve(relative);
        if (!file.toFile().isFile()) {
            throw org.kedrec.importer.io.LineReader.missing(file);
        }
        return file;
    }

    /** The node and relationship counts of the database, as a report without a run. */
    public ImportReport graphReport() {
        return report(new ImportStats(), List.of(), List.of(), 0);
    }

    @FunctionalInterface
    interface Step {
        void run(ImportContext ctx);
    }

    /**
     * Runs one step and commits what it wrote (so that its time and counts are its own), and records it in the
     * report's {@code steps}.
     */
    private static void step(ImportContext ctx, String name, Runnable body) {
        long start = System.nanoTime();
        long nodes = ctx.stats().nodesCreated();
        long relationships = ctx.stats().relationshipsCreated();
        body.run();
        ctx.writer().flush();
        double seconds = Math.round((System.nanoTime() - start) / 1e6) / 1e3;
        long created = ctx.stats().relationshipsCreated() - relationships;
        ctx.steps().add(new ImportReport.StepReport(name, seconds, ctx.stats().nodesCreated() - nodes, created,
                perSecond(created, seconds)));
    }

    private static double perSecond(long relationships, double seconds) {
        return seconds > 0 ? Math.round(relationships / seconds * 10) / 10.0 : 0;
    }

    private ImportReport run(Step step) {
        long start = System.nanoTime();
        if (!schemaApplied && offline == null) {
            applySchema();
        }
        ImportStats stats = new ImportStats();
        Path dataDir = options.dataDirectory() != null ? options.dataDirectory() : DataDirectory.find().orElse(null);
        try (GraphWriter writer = offline != null
                ? GraphWriter.offline(offline, options.database(), stats)
                : new GraphWriter(driver, options.database(), options.batchSize(), options.writers(), stats)) {
            ImportContext ctx = new ImportContext(writer, new Problems(options.onError(), stats), stats,
                    options.progress(), relationTypes, dataDir);
            step.run(ctx);
            writer.flush();
            return report(stats, ctx.files(), ctx.steps(), System.nanoTime() - start);
        }
    }

    private ImportReport report(ImportStats stats, List<ImportReport.FileReport> files,
            List<ImportReport.StepReport> steps, long nanos) {
        GraphCounts counts;
        if (offline != null) {
            counts = new GraphCounts(offline.labelCounts(), offline.typeCounts());
        } else {
            try (Session session = driver.session(Sessions.forDatabase(options.database()))) {
                counts = GraphCounts.read(session);
            }
        }
        Map<String, Long> nodes = counts.labels();
        Map<String, Long> relationships = counts.types();
        double seconds = Math.round(nanos / 1e6) / 1e3;
        Map<String, Long> skipped = new LinkedHashMap<>(stats.skipped());
        long skippedLines = skipped.values().stream().mapToLong(Long::longValue).sum();
        return new ImportReport(nodes, relationships,
                new ImportReport.Created(stats.nodesCreated(), stats.relationshipsCreated()), skippedLines, skipped,
                stats.ignored(), seconds, perSecond(stats.relationshipsCreated(), seconds), List.copyOf(files),
                stats.warnings(), options.database(), List.copyOf(steps));
    }

    private void requireOnline(String what) {
        if (offline != null) {
            throw new IllegalStateException("An offline importer cannot " + what + ": it has no database. Use an "
                    + "importer on a driver (new Importer(driver, options)) once the database runs.");
        }
    }

    public ImportOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return Messages.format("Importer[database=%s, batchSize=%d, onError=%s]", options.database(),
                options.batchSize(), options.onError());
    }
}
