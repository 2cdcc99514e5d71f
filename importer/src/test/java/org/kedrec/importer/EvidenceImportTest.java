package org.kedrec.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.importer.trials.TrialSources;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Trials, publications and DRKG triples on top of all 47,031 Hetionet nodes (with the 240 fixture edges), over
 * Bolt. The expected counts were computed independently from the data files (a Python join over the crosswalks),
 * not read back from this importer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidenceImportTest {
    private static TestNeo4j neo4j;
    private static Path data;
    private static Importer importer;

    @BeforeAll
    static void start() {
        data = TestNeo4j.data();
        neo4j = TestNeo4j.shared();
        importer = new Importer(neo4j.driver(), ImportOptions.defaults().withDataDirectory(data));
        ImportReport hetionet = importer.importHetionet(data.resolve("hetionet/hetionet-v1.0-nodes.tsv"),
                data.resolve("hetionet-integrate/edges-10.sif"));
        assertThat(hetionet.totalNodes()).isEqualTo(47_031);
    }

    @Test
    @Order(1)
    void apiV2StudiesLinkThroughMeshIds() {
        ImportReport report = importer.importTrials(TrialSources.ctgovJson(data.resolve("fixtures/ctg-studies-5.json")));
        assertThat(report.nodes()).containsEntry("Trial", 5L);
        assertThat(report.relationships()).containsEntry("TESTS", 6L).containsEntry("STUDIES", 4L);
        assertThat(report.created()).isEqualTo(new ImportReport.Created(5, 10));
        try (Session session = neo4j.driver().session()) {
            Record trial = session.run("MATCH (t:Trial {id: 'NCT:NCT05756322'}) RETURN t").single();
            Map<String, Object> t = trial.get("t").asMap();
            assertThat(t).containsEntry("phase", "phase 1/phase 2").containsEntry("status", "recruiting")
                    .containsEntry("sources", List.of("ClinicalTrials.gov API v2"))
                    .containsEntry("title", "The Safety and Tolerability of LBS-007 in Patients With Relapsed or "
                            + "Resistant Acute Leukaemias");
            assertThat((String) t.get("summary")).startsWith("The most common types of acute leukaemia");
            // Leukemia (MeSH D007938) is a term that hematologic cancer subsumes.
            assertThat(session.run("MATCH (:Trial {id: 'NCT:NCT05756322'})-[:STUDIES]->(d:Disease) RETURN d.id")
                    .single().get(0).asString()).isEqualTo("DOID:2531");
            assertThat(session.run("MATCH (:Trial {id: 'NCT:NCT02724163'})-[:TESTS]->(d:Drug) RETURN count(d)")
                    .single().get(0).asLong()).isEqualTo(6);
        }
    }

    @Test
    @Order(2)
    void allTrialSourcesMergeOnTheNctId() {
        ImportReport report = importer.importTrials(data);
        assertThat(report.nodes()).containsEntry("Trial", 27_352L);
        assertThat(report.relationships()).containsEntry("TESTS", 44_787L).containsEntry("STUDIES", 31_334L);
        assertThat(report.created()).isEqualTo(new ImportReport.Created(27_352 - 5, 44_787 + 31_334 - 10));
        assertThat(report.ignored()).containsEntry("HINT trials without a Hetionet link", 2_513L);
        assertThat(neo4j.count("MATCH (:Trial)-[r:TESTS]->() WHERE 'dhimmel/clintrials' IN r.sources RETURN count(r)"))
                .isEqualTo(44_702);
        assertThat(neo4j.count("MATCH (:Trial)-[r:STUDIES]->() WHERE 'dhimmel/clintrials' IN r.sources "
                + "RETURN count(r)")).isEqualTo(31_229);
        assertThat(neo4j.count("MATCH (t:Trial) WHERE t.outcome IS NOT NULL RETURN count(t)")).isEqualTo(1_173);
        assertThat(neo4j.count("MATCH (t:Trial) WHERE 'HINT' IN t.sources AND 'dhimmel/clintrials' IN t.sources "
                + "RETURN count(t)")).isEqualTo(1_173);
        try (Session session = neo4j.driver().session()) {
            Map<String, Object> hint = session.run("MATCH (t:Trial {id: 'NCT:NCT01887717'}) RETURN t").single()
                    .get("t").asMap();
            assertThat(hint).containsEntry("phase", "phase 3").containsEntry("status", "terminated")
                    .containsEntry("outcome", "failure").containsEntry("whyStopped", "poor accrual.");
            // A classic XML record, linked by MeSH term names.
            Map<String, Object> xml = session.run("MATCH (t:Trial {id: 'NCT:NCT00004983'}) RETURN t").single()
                    .get("t").asMap();
            assertThat(xml).containsEntry("status", "completed").containsEntry("phase", "n/a")
                    .containsEntry("title", "Education and Group Support for Diabetic Hispanics");
            assertThat(session.run("MATCH (:Trial {id: 'NCT:NCT00004983'})-[:STUDIES]->(d:Disease) RETURN d.name")
                    .single().get(0).asString()).isEqualTo("type 2 diabetes mellitus");
        }
    }

    @Test
    @Order(3)
    void reimportingTrialsCreatesNothing() {
        ImportReport again = importer.importTrials(data);
        assertThat(again.created()).isEqualTo(new ImportReport.Created(0, 0));
        assertThat(again.nodes()).containsEntry("Trial", 27_352L);
        assertThat(again.relationships()).containsEntry("TESTS", 44_787L).containsEntry("STUDIES", 31_334L);
        assertThat(neo4j.count("MATCH (t:Trial) WHERE size(t.sources) <> "
                + "size(reduce(s = [], x IN t.sources | CASE WHEN x IN s THEN s ELSE s + x END)) RETURN count(t)"))
                .isZero();
    }

    @Test
    @Order(4)
    void pubtatorSampleGivesPublicationsMentionsAndAssertedRelations() {
        ImportReport report = importer.importPubmed(data.resolve("fixtures/CDR_sample.txt"));
        assertThat(report.nodes()).containsEntry("Publication", 50L);
        assertThat(report.relationships()).containsEntry("MENTIONS", 183L);
        assertThat(neo4j.count("MATCH (:Publication)-[:MENTIONS]->(n:Drug) RETURN count(*)")).isEqualTo(99);
        assertThat(neo4j.count("MATCH (:Publication)-[:MENTIONS]->(n:Symptom) RETURN count(*)")).isEqualTo(53);
        assertThat(neo4j.count("MATCH (:Publication)-[:MENTIONS]->(n:Disease) RETURN count(*)")).isEqualTo(31);
        assertThat(neo4j.count("MATCH (:Drug)-[r:CAUSES {source: 'BC5CDR', relation: 'CID'}]->(:Symptom) "
                + "RETURN count(r)")).isEqualTo(38);
        assertThat(neo4j.count("MATCH (:Drug)-[r:CAUSES {source: 'BC5CDR', relation: 'CID'}]->(:Disease) "
                + "RETURN count(r)")).isEqualTo(10);
        try (Session session = neo4j.driver().session()) {
            Map<String, Object> pub = session.run("MATCH (p:Publication {id: 'PMID:26094'}) RETURN p").single()
                    .get("p").asMap();
            assertThat(pub).containsEntry("title", "Antihypertensive drugs and depression: a reappraisal.")
                    .containsEntry("corpora", List.of("BC5CDR"));
            assertThat((String) pub.get("abstract")).startsWith("Eighty-nine new referral hypertensive out-patients");
            // "depression" three times and "depressions" once, all MeSH D003866, a direct xref of DOID:1595.
            assertThat(session.run("MATCH (:Publication {id: 'PMID:26094'})-[m:MENTIONS]->(:Disease {id: 'DOID:1595'}) "
                    + "RETURN m.count").single().get(0).asLong()).isEqualTo(4);
            // BC5CDR asserts that methyldopa induced depression (MeSH D003866, a direct xref of endogenous
            // depression, DOID:1595) in PMID 26094.
            List<Object> pmids = session.run("MATCH (:Drug {name: 'Methyldopa'})-[r:CAUSES {source: 'BC5CDR'}]->"
                    + "(:Disease {id: 'DOID:1595'}) RETURN r.pmids").single().get(0).asList();
            assertThat(pmids).containsExactly(26094L);
        }
    }

    @Test
    @Order(5)
    void publicationsMergeByPmidAcrossFilesAndReimportsKeepPmidListsUnique() {
        // The sample is part of the BC5CDR training set: 500 abstracts in all, the sample's 50 already there.
        ImportReport report = importer.importPubmed(data.resolve("fixtures/CDR_sample.txt"),
                data.resolve("pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt"));
        assertThat(report.nodes()).containsEntry("Publication", 500L);
        assertThat(report.created().nodes()).isEqualTo(450);
        ImportReport again = importer.importPubmed(data.resolve("pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt"));
        assertThat(again.created()).isEqualTo(new ImportReport.Created(0, 0));
        assertThat(again.relationships()).isEqualTo(report.relationships());
        try (Session session = neo4j.driver().session()) {
            for (Record r : session.run("MATCH ()-[r {source: 'BC5CDR'}]->() RETURN r.pmids AS p").list()) {
                List<Object> pmids = r.get("p").asList();
                assertThat(pmids).doesNotHaveDuplicates();
            }
            assertThat(session.run("MATCH (p:Publication) WHERE p.corpora <> ['BC5CDR'] RETURN count(p)")
                    .single().get(0).asLong()).isZero();
        }
    }

    @Test
    @Order(6)
    void drkgTriplesResolveOrCreateTheirEntities() {
        long diseasesBefore = neo4j.count("MATCH (d:Disease) RETURN count(d)");
        ImportReport report = importer.importDrkg(data.resolve("drkg/covid19-host-genes.tsv"),
                data.resolve("drkg/coronavirus-related-host-genes.tsv"));
        assertThat(report.nodes().get("Disease") - diseasesBefore).isEqualTo(33);
        assertThat(report.created()).isEqualTo(new ImportReport.Created(33, 458));
        assertThat(report.files()).extracting(ImportReport.FileReport::lines).containsExactly(332L, 129L);
        assertThat(neo4j.count("MATCH (:Disease {source: 'DRKG'})-[r:ASSOCIATES {source: 'bioarx'}]->(:Gene) "
                + "RETURN count(r)")).isEqualTo(458);
        try (Session session = neo4j.driver().session()) {
            Value ids = session.run("MATCH (d:Disease {source: 'DRKG'}) RETURN collect(d.id) AS ids").single().get(0);
            assertThat(ids.asList(Value::asString)).contains("DRKG:SARS-CoV2 nsp13", "MESH:D045473");
            assertThat(session.run("MATCH (:Disease {id: 'DRKG:SARS-CoV2 E'})-[r:ASSOCIATES]->() RETURN "
                    + "collect(DISTINCT r.relation)").single().get(0).asList()).containsExactly("Covid2_acc_host_gene");
        }
        ImportReport again = importer.importDrkg(data.resolve("drkg/covid19-host-genes.tsv"),
                data.resolve("drkg/coronavirus-related-host-genes.tsv"));
        assertThat(again.created()).isEqualTo(new ImportReport.Created(0, 0));
    }
}
