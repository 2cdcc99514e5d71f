// KEDRec graph schema. Every statement is idempotent (IF NOT EXISTS): `kedrec import` applies this file before
// each run, and a test executes it twice. Vector indexes over embeddings are created by `kedrec train kge`,
// because their dimension comes from the model.

// Unique CURIE ids, one constraint per label (each also gives the id lookup index that MERGE relies on).
CREATE CONSTRAINT drug_id IF NOT EXISTS FOR (n:Drug) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT disease_id IF NOT EXISTS FOR (n:Disease) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gene_id IF NOT EXISTS FOR (n:Gene) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT pathway_id IF NOT EXISTS FOR (n:Pathway) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT biological_process_id IF NOT EXISTS FOR (n:BiologicalProcess) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT molecular_function_id IF NOT EXISTS FOR (n:MolecularFunction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cellular_component_id IF NOT EXISTS FOR (n:CellularComponent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT anatomy_id IF NOT EXISTS FOR (n:Anatomy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT side_effect_id IF NOT EXISTS FOR (n:SideEffect) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT symptom_id IF NOT EXISTS FOR (n:Symptom) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT pharmacologic_class_id IF NOT EXISTS FOR (n:PharmacologicClass) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT trial_id IF NOT EXISTS FOR (n:Trial) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE;

// Name lookups (exact names in procedures, Browser searches).
CREATE INDEX drug_name IF NOT EXISTS FOR (n:Drug) ON (n.name);
CREATE INDEX disease_name IF NOT EXISTS FOR (n:Disease) ON (n.name);
CREATE INDEX gene_name IF NOT EXISTS FOR (n:Gene) ON (n.name);
CREATE INDEX pathway_name IF NOT EXISTS FOR (n:Pathway) ON (n.name);
CREATE INDEX biological_process_name IF NOT EXISTS FOR (n:BiologicalProcess) ON (n.name);
CREATE INDEX molecular_function_name IF NOT EXISTS FOR (n:MolecularFunction) ON (n.name);
CREATE INDEX cellular_component_name IF NOT EXISTS FOR (n:CellularComponent) ON (n.name);
CREATE INDEX anatomy_name IF NOT EXISTS FOR (n:Anatomy) ON (n.name);
CREATE INDEX side_effect_name IF NOT EXISTS FOR (n:SideEffect) ON (n.name);
CREATE INDEX symptom_name IF NOT EXISTS FOR (n:Symptom) ON (n.name);
CREATE INDEX pharmacologic_class_name IF NOT EXISTS FOR (n:PharmacologicClass) ON (n.name);
CREATE INDEX trial_name IF NOT EXISTS FOR (n:Trial) ON (n.name);
CREATE INDEX publication_name IF NOT EXISTS FOR (n:Publication) ON (n.name);

// Full-text search over evidence text: ranks publications and trials for a (disease, drug) pair.
CREATE FULLTEXT INDEX publication_text IF NOT EXISTS FOR (n:Publication) ON EACH [n.title, n.abstract];
CREATE FULLTEXT INDEX trial_text IF NOT EXISTS FOR (n:Trial) ON EACH [n.title, n.summary];
// Full-text over entity names: "did you mean" suggestions for unknown diseases and drugs.
CREATE FULLTEXT INDEX entity_name IF NOT EXISTS FOR (n:Drug|Disease|Gene) ON EACH [n.name];
