package org.kedrec.importer.trials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.importer.ImportContext;
import org.kedrec.importer.io.CsvReader;
import org.kedrec.importer.io.LineReader;
import org.kedrec.importer.io.Problems;
import org.kedrec.importer.io.TsvReader;
import org.kedrec.importer.write.EntityIndex;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.GraphWriter.NodeMode;
import org.kedrec.importer.write.GraphWriter.NodeSpec;
import org.kedrec.importer.write.GraphWriter.RelSpec;

/**
 * Clinical trials from four sources, merged on the NCT id into {@code (:Trial)} nodes with
 * {@code (:Trial)-[:TESTS]->(:Drug)} and {@code (:Trial)-[:STUDIES]->(:Disease)}; every node and link lists the
 * {@code sources} that assert it.
 *
 * <ol>
 *   <li>{@code clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv} (required): trial, DrugBank id, DOID rows,
 *       already on Hetionet's ids.
 *   <li>{@code clinicaltrials/dhimmel-clintrials/sample/NCT*.xml}: classic XML records; title, summary, phase,
 *       status; conditions and interventions linked by MeSH term names matched, ignoring case, to node names (also
 *       in MeSH's inverted "Diabetes Mellitus, Type 2" order) or, through MeSH ids known from the other sources, to
 *       xrefs.
 *   <li>{@code clinicaltrials/hint/*.csv}: HINT outcome records (phase, status, outcome success/failure, why
 *       stopped) for the trials {@code clinicaltrials/trials_hint_x_hetionet.tsv} links to Hetionet, with those
 *       links.
 *   <li>{@code clinicaltrials/ctgov-api-v2/ctg-studies.json}: API v2 studies; conditions and interventions linked
 *       through {@code derivedSection.*BrowseModule.meshes[].id} and the node xrefs.
 * </ol>
 *
 * Properties of a later (newer) source override an earlier one's: XML (2016), HINT (2021), API v2 (2023).
 */
public final class TrialsImport {
    public static final String DHIMMEL = "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv";
    public static final String XML_DIR = "clinicaltrials/dhimmel-clintrials/sample";
    public static final String HINT_DIR = "clinicaltrials/hint";
    public static final String HINT_LINKS = "clinicaltrials/trials_hint_x_hetionet.tsv";
    public static final String CTGOV_JSON = "clinicaltrials/ctgov-api-v2/ctg-studies.json";

    static final String SOURCE_DHIMMEL = "dhimmel/clintrials";
    static final String SOURCE_XML = "ClinicalTrials.gov XML";
    static final String SOURCE_HINT = "HINT";
    static final String SOURCE_API = "ClinicalTrials.gov API v2";

    private static final Pattern NCT = Pattern.compile("NCT\\d{8}");
    private static final String DRUG = EntityKind.DRUG.label();
    private static final String DISEASE = EntityKind.DISEASE.label();

    private final ImportContext ctx;
    private final Problems problems;
    private final EntityIndex index;
    private final Map<String, TrialRecord> trials = new LinkedHashMap<>();
    /** Lower-case MeSH term names to MeSH CURIEs, from every source that pairs them. */
    private final Map<String, Set<String>> meshNames = new HashMap<>();

    public TrialsImport(ImportContext ctx) {
        this.ctx = ctx;
        this.problems = ctx.problems();
        this.index = ctx.index();
    }

    /** Reads every trial source, then writes trials and links. */
    public void run(TrialSources sources) {
        if (sources.trialMap() != null) {
            if (!Files.exists(sources.trialMap())) {
                throw LineReader.missing(sources.trialMap());
            }
            dhimmel(sources.trialMap());
        }
        if (sources.meshNames() != null && Files.isRegularFile(sources.meshNames())) {
            meshNamesFromDoSlim(sources.meshNames());
        }
        List<CtgovJson.Study> jsonStudies = new ArrayList<>();
        for (Path json : sources.ctgovJson()) {
            ImportContext.Whole progress = ctx.beginWhole("trials json", json, size(json));
            int count = CtgovJson.read(json, study -> {
                jsonStudies.add(study);
                for (CtgovJson.Mesh m : concat(study.conditionMeshes(), study.interventionMeshes(), study.ancestors())) {
                    meshName(m.term(), m.id());
                }
            });
            progress.advance(size(json));
            progress.end(count);
        }
        xml(sources.xmlRecords());
        if (sources.hintLinks() != null && !sources.hintCsvs().isEmpty()) {
            hint(sources.hintCsvs(), sources.hintLinks());
        } else if (sources.hintLinks() != null || !sources.hintCsvs().isEmpty()) {
            ctx.stats().warn("HINT trial outcomes skipped: they need both the HINT CSVs and " + HINT_LINKS + ".");
        }
        for (CtgovJson.Study study : jsonStudies) {
            merge(api(study));
        }
        write();
    }

    // ------------------------------------------------------------------------------------------------ sources

    private void dhimmel(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("nct_id", "compound_id", "disease_id"),
                "the dhimmel trial map (DrugBank-DO-slim.tsv)", "Pass the data directory that holds " + DHIMMEL + ".")) {
            int nctCol = tsv.column("nct_id");
            int drugCol = tsv.column("compound_id");
            int diseaseCol = tsv.column("disease_id");
            int width = Math.max(nctCol, Math.max(drugCol, diseaseCol)) + 1;
            ImportContext.FileProgress progress = ctx.begin("trials map", tsv.lines());
            String[] row;
            while ((row = tsv.next()) != null) {
                progress.tick();
                if (row.length < width) {
                    problems.malformed(tsv.file(), tsv.lineNumber(), 5,
                            "nct_id, compound_id, compound_name, disease_id, disease_name", row.length);
                    continue;
                }
                String nct = row[nctCol].strip();
                if (!NCT.matcher(nct).matches()) {
                    problems.line(tsv.file(), tsv.lineNumber(), Problems.BAD_ID, Messages.format(
                            "`%s` is not an NCT id (NCT and 8 digits).", Messages.echo(nct)), "Fix the id");
                    continue;
                }
                String drug = "DrugBank:" + row[drugCol].strip();
                String disease = row[diseaseCol].strip();
                if (!known(tsv, DRUG, drug, row[drugCol]) || !known(tsv, DISEASE, disease, row[diseaseCol])) {
                    continue;
                }
                TrialRecord t = trial(nct);
                t.sources.add(SOURCE_DHIMMEL);
                t.test(drug, SOURCE_DHIMMEL);
                t.study(disease, SOURCE_DHIMMEL);
            }
            progress.end();
        }
    }

    private boolean known(TsvReader tsv, String label, String id, String written) {
        if (index.contains(label, id)) {
            return true;
        }
        problems.line(tsv.file(), tsv.lineNumber(), Problems.UNKNOWN_ID, Messages.format(
                "unknown node id `%s`: no %s %s in the graph.", Messages.echo(written), label, Messages.echo(id)),
                "Import Hetionet first (kedrec import hetionet) or fix the id");
        return false;
    }

    private void xml(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        ImportContext.Whole progress = ctx.beginWhole("trials xml", files.get(0).getParent(), files.size());
        for (Path file : files) {
            CtgovXml.Study s = CtgovXml.read(file);
            TrialRecord t = new TrialRecord(s.nct().toUpperCase(Locale.ENGLISH));
            t.sources.add(SOURCE_XML);
            t.title = TrialRecord.text(s.title());
            t.officialTitle = TrialRecord.text(s.officialTitle());
            t.summary = TrialRecord.text(s.summary());
            t.phase = s.phase() == null ? null : TrialRecord.normalizePhase(List.of(s.phase()));
            t.status = TrialRecord.normalizeStatus(s.status());
            t.whyStopped = TrialRecord.text(s.whyStopped());
            t.conditions.addAll(s.conditions());
            t.interventions.addAll(s.interventions());
            linkByNames(t, concat(s.conditionMeshTerms(), s.conditions()), DISEASE, "condition");
            linkByNames(t, concat(s.interventionMeshTerms(), s.interventions()), DRUG, "intervention");
            merge(t);
            progress.advance(1);
        }
        progress.end(files.size());
    }

    private void hint(List<Path> files, Path linksFile) {
        if (!Files.exists(linksFile)) {
            throw LineReader.missing(linksFile);
        }
        Map<String, TrialRecord> linked = new LinkedHashMap<>();
        try (TsvReader tsv = TsvReader.open(linksFile, List.of("nct_id", "hetionet_compound_ids", "hetionet_disease_ids"),
                "the HINT-to-Hetionet trial links", "Pass the data directory that holds " + HINT_LINKS + ".")) {
            int nctCol = tsv.column("nct_id");
            int drugsCol = tsv.column("hetionet_compound_ids");
            int diseasesCol = tsv.column("hetionet_disease_ids");
            int width = Math.max(nctCol, Math.max(drugsCol, diseasesCol)) + 1;
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length < width) {
                    problems.malformed(tsv.file(), tsv.lineNumber(), width, "nct_id … hetionet_disease_ids", row.length);
                    continue;
                }
                TrialRecord t = linked.computeIfAbsent(row[nctCol].strip(), TrialRecord::new);
                linkHetionet(tsv, t, row[drugsCol], DRUG);
                linkHetionet(tsv, t, row[diseasesCol], DISEASE);
            }
        }
        Set<String> unlinked = new LinkedHashSet<>();
        for (Path file : files) {
            ImportContext.Whole progress = ctx.beginWhole("trials hint", file, size(file));
            int records = 0;
            try (CsvReader csv = CsvReader.open(file)) {
                List<String> header = csv.next();
                List<String> required = List.of("nctid", "status", "why_stop", "label", "phase", "diseases", "drugs");
                if (header == null || !header.containsAll(required)) {
                    throw new org.kedrec.importer.ImportException(TsvReader.WRONG_HEADER, Messages.format(
                            "%s line 1: expected the columns %s of a HINT trial file but found %s. Pass the HINT "
                                    + "benchmark CSVs (phase_*.csv).",
                            file, required, header == null ? "an empty file" : header));
                }
                int nct = header.indexOf("nctid");
                int status = header.indexOf("status");
                int why = header.indexOf("why_stop");
                int label = header.indexOf("label");
                int phase = header.indexOf("phase");
                int diseases = header.indexOf("diseases");
                int drugs = header.indexOf("drugs");
                List<String> record;
                while ((record = csv.next()) != null) {
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue;
                    }
                    records++;
                    if (record.size() != header.size()) {
                        problems.line(file, csv.recordLine(), Problems.MALFORMED, Messages.format(
                                "expected %d comma-separated fields (%s) but found %d.", header.size(),
                                String.join(", ", header), record.size()), "Fix or remove the record");
                        continue;
                    }
                    String id = record.get(nct).strip().toUpperCase(Locale.ENGLISH);
                    TrialRecord links = linked.get(id);
                    if (links == null) {
                        unlinked.add(id);
                        continue;
                    }
                    TrialRecord t = new TrialRecord(id);
                    t.merge(links);
                    t.sources.add(SOURCE_HINT);
                    t.status = TrialRecord.normalizeStatus(record.get(status));
                    t.whyStopped = TrialRecord.text(record.get(why));
                    t.phase = TrialRecord.normalizePhase(List.of(record.get(phase)));
                    String outcome = record.get(label).strip();
                    t.outcome = outcome.equals("1") ? "success" : outcome.equals("0") ? "failure" : null;
                    t.conditions.addAll(PythonList.parse(record.get(diseases)));
                    t.interventions.addAll(PythonList.parse(record.get(drugs)));
                    merge(t);
                }
            }
            progress.advance(size(file));
            progress.end(records);
        }
        ctx.stats().ignore("HINT trials without a Hetionet link", unlinked.size());
    }

    private void linkHetionet(TsvReader tsv, TrialRecord t, String cell, String label) {
        for (String hetionetId : cell.split("\\|")) {
            if (hetionetId.isBlank()) {
                continue;
            }
            String id;
            try {
                id = Curies.fromHetionet(hetionetId.strip());
            } catch (IllegalArgumentException e) {
                problems.line(tsv.file(), tsv.lineNumber(), Problems.BAD_ID, e.getMessage(), "Fix the id");
                continue;
            }
            if (!known(tsv, label, id, hetionetId.strip())) {
                continue;
            }
            if (label.equals(DRUG)) {
                t.test(id, SOURCE_HINT);
            } else {
                t.study(id, SOURCE_HINT);
            }
        }
    }

    private TrialRecord api(CtgovJson.Study s) {
        TrialRecord t = new TrialRecord(s.nct().toUpperCase(Locale.ENGLISH));
        t.sources.add(SOURCE_API);
        t.title = TrialRecord.text(s.title());
        t.officialTitle = TrialRecord.text(s.officialTitle());
        t.summary = TrialRecord.text(s.summary());
        t.phase = TrialRecord.normalizePhase(s.phases());
        t.status = TrialRecord.normalizeStatus(s.status());
        t.whyStopped = TrialRecord.text(s.whyStopped());
        t.conditions.addAll(s.conditions());
        t.interventions.addAll(s.interventions());
        for (CtgovJson.Mesh m : s.conditionMeshes()) {
            List<String> diseases = mesh(m.id()).map(c -> index.resolveBroadly(DISEASE, c)).orElse(List.of());
            diseases.forEach(d -> t.study(d, SOURCE_API));
            if (diseases.isEmpty()) {
                ctx.stats().ignore("trial conditions (MeSH) not linked to a Disease");
            }
        }
        for (CtgovJson.Mesh m : s.interventionMeshes()) {
            List<String> drugs = mesh(m.id()).map(c -> index.resolve(DRUG, c)).orElse(List.of());
            drugs.forEach(d -> t.test(d, SOURCE_API));
            if (drugs.isEmpty()) {
                ctx.stats().ignore("trial interventions (MeSH) not linked to a Drug");
            }
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------- linking

    /** Links a trial to the nodes its MeSH term names (or plain names) denote; counts what stays unlinked. */
    private void linkByNames(TrialRecord t, List<String> names, String label, String what) {
        boolean any = false;
        for (String name : names) {
            for (String id : byName(label, name)) {
                any = true;
                if (label.equals(DRUG)) {
                    t.test(id, SOURCE_XML);
                } else {
                    t.study(id, SOURCE_XML);
                }
            }
        }
        if (!any && !names.isEmpty()) {
            ctx.stats().ignore(Messages.format("trials whose %ss name no %s", what, label));
        }
    }

    private List<String> byName(String label, String name) {
        String n = name.strip();
        List<String> found = index.byName(label, n);
        if (found.isEmpty()) {
            // MeSH writes "Diabetes Mellitus, Type 2"; Hetionet "type 2 diabetes mellitus".
            int comma = n.lastIndexOf(", ");
            if (comma > 0) {
                found = index.byName(label, n.substring(comma + 2) + " " + n.substring(0, comma));
            }
        }
        if (found.isEmpty()) {
            List<String> viaMesh = new ArrayList<>();
            for (String mesh : meshNames.getOrDefault(n.toLowerCase(Locale.ENGLISH), Set.of())) {
                viaMesh.addAll(label.equals(DISEASE) ? index.resolveBroadly(label, mesh) : index.resolve(label, mesh));
            }
            found = viaMesh;
        }
        return found;
    }

    private void meshNamesFromDoSlim(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (TsvReader tsv = TsvReader.open(file, List.of("mesh_id", "mesh_name"), "the DO-slim-to-MeSH table",
                "Point --data at the KEDRec data directory.")) {
            int id = tsv.column("mesh_id");
            int name = tsv.column("mesh_name");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length > Math.max(id, name)) {
                    meshName(row[name], row[id]);
                }
            }
        }
    }

    private void meshName(String term, String id) {
        if (term == null || id == null) {
            return;
        }
        mesh(id).ifPresent(c -> meshNames.computeIfAbsent(term.strip().toLowerCase(Locale.ENGLISH),
                k -> new LinkedHashSet<>()).add(c));
    }

    private static java.util.Optional<String> mesh(String id) {
        try {
            return java.util.Optional.of(Curies.mesh(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    private TrialRecord trial(String nct) {
        return trials.computeIfAbsent(nct, TrialRecord::new);
    }

    private void merge(TrialRecord later) {
        trial(later.nct).merge(later);
    }

    private void write() {
        GraphWriter writer = ctx.writer();
        String trial = EntityKind.TRIAL.label();
        NodeSpec nodes = writer.nodes(trial, NodeMode.UPSERT, TrialRecord.PROPERTIES, List.of("sources"));
        RelSpec tests = writer.relationships(GraphSchema.TESTS, trial, DRUG, Map.of(), List.of(), List.of("sources"),
                List.of());
        RelSpec studies = writer.relationships(GraphSchema.STUDIES, trial, DISEASE, Map.of(), List.of(),
                List.of("sources"), List.of());
        for (TrialRecord t : trials.values()) {
            writer.node(nodes, t.curie(), t.properties(), Map.of("sources", new ArrayList<>(t.sources)),
                    new EntityIndex.Entry(t.curie(), t.title, List.of(), List.of()));
        }
        for (TrialRecord t : trials.values()) {
            t.tests.forEach((drug, sources) -> writer.relationship(tests, t.curie(), drug, null,
                    Map.of("sources", new ArrayList<>(sources)), null));
            t.studies.forEach((disease, sources) -> writer.relationship(studies, t.curie(), disease, null,
                    Map.of("sources", new ArrayList<>(sources)), null));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw LineReader.missing(file);
        }
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
