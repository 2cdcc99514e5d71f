// KEDRec by example: the statements of the Browser guide (cypher/guide/kedrec.html, `:play
// http://127.0.0.1:7474/kedrec/guide`), in the guide's order, for cypher-shell or any Bolt client:
//     cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -f cypher/examples.cypher
// They use real diseases and drugs of the Hetionet demo graph: hypertension (DOID:10763) and type 2 diabetes
// mellitus (DOID:9352). CypherFilesTest runs every statement on the plugin's fixture graph, which holds these too,
// and BrowserFilesTest checks that this file and the guide hold the same statements. Note that
// kedrec.recommend.write below writes PREDICTED_TREATS relationships.

// The plugin is loaded.
RETURN kedrec.version() AS plugin;

// What the graph holds: nodes by label ...
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS nodes
ORDER BY nodes DESC;

// ... and relationships by type (Hetionet metaedges, plus TESTS, STUDIES and MENTIONS from the evidence).
MATCH ()-[r]->()
RETURN type(r) AS relationship, count(*) AS relationships
ORDER BY relationships DESC;

// A disease by its id or by one of its xrefs (here its MeSH id).
MATCH (d:Disease)
WHERE d.id = 'DOID:10763' OR 'MESH:D006973' IN d.xrefs
RETURN d.id AS id, d.name AS name, d.xrefs AS xrefs;

// The drugs the graph already knows treat hypertension, as a graph.
MATCH p = (:Drug)-[:TREATS]->(:Disease {id: 'DOID:10763'})
RETURN p;

// Recommend: the 10 drugs the model ranks highest, known treatments left out, with the cited rationale.
CALL kedrec.recommend('hypertension', {k: 10})
YIELD rank, drug, score, rationale
RETURN rank, drug.name AS drug, round(score, 3) AS score, rationale;

// The same recommendation as a graph: paths from the disease to each recommended drug.
CALL kedrec.recommend('hypertension', {k: 5, pathsPerDrug: 2})
YIELD paths
UNWIND paths AS path
RETURN path;

// How a drug works: its mechanism path comes first (the drug binds a gene tied to the disease).
CALL kedrec.explain('hypertension', 'Eplerenone', {kinds: ['mechanism']}) YIELD path, metapath, kind
RETURN path, metapath, kind;

// Explain the model's first choice: one row per explanation path, mechanism paths first.
CALL kedrec.recommend('hypertension', {k: 1}) YIELD drug
CALL kedrec.explain('hypertension', drug.id) YIELD path
RETURN path;

// Explain any pair: metapath, kind, path specificity, the model's score and the rationale.
CALL kedrec.explain('hypertension', 'Eplerenone')
YIELD path, metapath, kind, score, modelScore, rationale
RETURN path, metapath, kind, round(score, 4) AS pathScore, round(modelScore, 3) AS modelScore, rationale;

// Select: candidates side by side, one choice (by the student when the model has one, with the ranker's vote when it
// was trained with the ranker as a tool; else by the ranker).
CALL kedrec.select('type 2 diabetes mellitus', ['Ramipril', 'Orlistat', 'Digoxin', 'Ibuprofen'])
YIELD drug, probability, selected, selectedBy, rationale
RETURN drug.name AS drug, round(probability, 3) AS probability, selected, selectedBy, rationale;

// The model's probability for single pairs.
RETURN kedrec.score('type 2 diabetes mellitus', 'Orlistat') AS orlistat,
       kedrec.score('type 2 diabetes mellitus', 'Digoxin') AS digoxin;

// Write the top 5 drugs of two diseases as PREDICTED_TREATS relationships (re-running replaces them).
CALL kedrec.recommend.write({k: 5, diseases: ['hypertension', 'type 2 diabetes mellitus']})
YIELD diseases, relationshipsDeleted, relationshipsCreated, model, millis
RETURN diseases, relationshipsDeleted, relationshipsCreated, model, millis;

// Read the predictions back as a graph ...
MATCH p = (:Drug)-[:PREDICTED_TREATS]->(:Disease {id: 'DOID:10763'})
RETURN p;

// ... and as a table.
MATCH (c:Drug)-[r:PREDICTED_TREATS]->(d:Disease)
WHERE d.id IN ['DOID:10763', 'DOID:9352']
RETURN d.name AS disease, r.rank AS rank, c.name AS drug, round(r.score, 3) AS score, r.model AS model
ORDER BY disease, rank;

// Evidence: the items a rationale cites, numbered as it cites them.
CALL kedrec.explain('hypertension', 'Eplerenone') YIELD evidence
WITH evidence LIMIT 1
UNWIND evidence AS e
RETURN e.slot AS slot, e.kind AS kind, e.id AS id, e.text AS text;

// Clinical trials that tested eplerenone for hypertension.
MATCH (t:Trial)-[:TESTS]->(:Drug {name: 'Eplerenone'}),
      (t)-[:STUDIES]->(:Disease {id: 'DOID:10763'})
RETURN t.id AS trial, t.title AS title, t.phase AS phase, t.status AS status
ORDER BY phase DESC
LIMIT 10;

// Publications that mention hypertension together with a drug.
MATCH (c:Drug)<-[:MENTIONS]-(p:Publication)-[:MENTIONS]->(:Disease {id: 'DOID:10763'})
RETURN c.name AS drug, p.id AS publication, p.title AS title
LIMIT 10;

// Full-text search over publication titles and abstracts, in Lucene syntax (hypertension, hypertensive, ...).
CALL db.index.fulltext.queryNodes('publication_text', 'hypertens*')
YIELD node, score
RETURN node.id AS publication, node.title AS title, round(score, 2) AS score
LIMIT 5;

// The loaded model: state, engine, device, size and held-out metrics.
CALL kedrec.model.info()
YIELD name, state, kind, engine, device, parameters, createdAt, metrics, student
RETURN name, state, kind, engine, device, parameters, createdAt, metrics, student;

// Every model the server knows.
CALL kedrec.model.list()
YIELD name, isDefault, active, state, createdAt
RETURN name, isDefault, active, state, createdAt;

// Every KEDRec procedure with its description.
SHOW PROCEDURES YIELD name, description
WHERE name STARTS WITH 'kedrec'
RETURN name, description;
