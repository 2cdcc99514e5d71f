package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.progress.LoggingProgressTracker;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.RankerInfo;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;

/**
 * {@code kedrec.recommend.write}: the best k drugs of every disease (or the named ones) written as
 * {@code PREDICTED_TREATS} relationships, replacing the same model's earlier ones. Progress goes to Neo4j's log
 * through core's {@link ProgressTracker}, as the command line's long tasks report theirs.
 */
final class RecommendWriteCall {
    static final String TASK = "kedrec.recommend.write";

    private RecommendWriteCall() {}

    static WriteResult run(CallContext call, Map<String, Object> configMap) {
        WriteConfig config = WriteConfig.of(configMap, call.models.settings());
        long start = System.nanoTime();
        try (ModelService.ModelLease lease = call.acquire(config.model())) {
            LoadedModel model = lease.model();
            List<Node> diseases = diseases(call, config);
            RankerInfo info = model.ranker().info();
            String version = info.version();
            String trainedAt = info.createdAt();
            call.log.info("%s (%d diseases, k=%d, model `%s`)", TASK, diseases.size(), config.k(), model.name());
            ProgressTracker progress = new LoggingProgressTracker(call.log::info);
            progress.begin(TASK, diseases.size());
            long written = 0;
            long deleted = 0;
            long skipped = 0;
            long done = 0;
            for (int from = 0; from < diseases.size(); from += config.batchSize()) {
                call.guard.check();
                List<Node> batch = diseases.subList(from, Math.min(diseases.size(), from + config.batchSize()));
                for (Node disease : batch) {
                    // Per disease too: a batch over the full graph takes seconds, and a terminated or timed-out
                    // call must stop at once (the transaction then rolls back everything it wrote).
                    call.guard.check();
                    String id = Nodes.id(disease);
                    if (id == null || !model.ranker().knowsDisease(id)) {
                        skipped++;
                        continue;
                    }
                    deleted += deletePredictions(disease, model.name());
                    Set<String> known = config.excludeKnown() ? CallContext.treatments(disease) : Set.of();
                    List<CallContext.Picked> picked = call.pick(model.ranker().scoreAll(id), config.k(), known);
                    for (int i = 0; i < picked.size(); i++) {
                        Relationship relationship =
                                picked.get(i).node().createRelationshipTo(disease, CallContext.PREDICTED_TREATS);
                        relationship.setProperty("score", picked.get(i).score());
                        relationship.setProperty("rank", (long) (i + 1));
                        relationship.setProperty("model", model.name());
                        if (version != null) {
                            relationship.setProperty("version", version);
                        }
                        if (trainedAt != null) {
                            relationship.setProperty("trainedAt", trainedAt);
                        }
                        written++;
                    }
                    done++;
                }
                progress.advance(batch.size());
            }
            progress.end();
            long millis = (System.nanoTime() - start) / 1_000_000;
            call.log.info(Messages.format("%s: %d diseases, %d predictions written, %d replaced, %d ms", TASK, done,
                    written, deleted, millis));
            return new WriteResult(done, skipped, deleted, written, model.name(), version, millis);
        }
    }

    /** The named diseases (each once, in the order given), or every disease of the graph by id. */
    private static List<Node> diseases(CallContext call, WriteConfig config) {
        List<Node> diseases = new ArrayList<>();
        if (config.diseases() == null) {
            try (ResourceIterator<Node> all = call.tx.findNodes(CallContext.DISEASE)) {
                all.forEachRemaining(diseases::add);
            }
            diseases.sort(Comparator.comparing(Nodes::id, Comparator.nullsLast(Comparator.naturalOrder())));
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (String input : config.diseases()) {
                Node disease = call.found(EntityKind.DISEASE, input);
                if (seen.add(Nodes.id(disease))) {
                    diseases.add(disease);
                }
            }
        }
        return diseases;
    }

    private static long deletePredictions(Node disease, String modelName) {
        List<Relationship> ours = new ArrayList<>();
        try (ResourceIterable<Relationship> old =
                disease.getRelationships(Direction.INCOMING, CallContext.PREDICTED_TREATS)) {
            for (Relationship relationship : old) {
                if (modelName.equals(relationship.getProperty("model", null))) {
                    ours.add(relationship);
                }
            }
        }
        // Deleted after the iteration ends, never under it.
        ours.forEach(Relationship::delete);
        return ours.size();
    }
}
