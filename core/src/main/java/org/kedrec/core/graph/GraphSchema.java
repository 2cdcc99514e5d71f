package org.kedrec.core.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.EntityKind;

/**
 * The schema of the KEDRec graph, defined once: the constraints and indexes of {@code cypher/schema.cypher} (bundled
 * into this jar and read by {@link #statements()}, which every loader applies), the vector indexes over the KG
 * embeddings ({@link #vectorIndex}, whose dimension only the trained model knows), the node labels
 * ({@link org.kedrec.core.ids.EntityKind}) and the relationship types below.
 *
 * <p>Relationship types with a fixed meaning in KEDRec. Knowledge-graph types (BINDS, ASSOCIATES, …) come from the
 * relation mapping table ({@code relation-types.tsv}, data rather than code); the ones below are the types that
 * code reads by name.
 */
public final class GraphSchema {
    /** Drug is a disease-modifying treatment of the disease: the positive pairs, the held-out evaluation edges. */
    public static final String TREATS = "TREATS";
    /** Drug relieves symptoms of the disease: never a hard negative, never a positive. */
    public static final String PALLIATES = "PALLIATES";
    /** {@code (:Trial)-[:TESTS]->(:Drug)}. */
    public static final String TESTS = "TESTS";
    /** {@code (:Trial)-[:STUDIES]->(:Disease)}. */
    public static final String STUDIES = "STUDIES";
    /** {@code (:Publication)-[:MENTIONS]->(:Drug|:Disease|:Gene)}. */
    public static final String MENTIONS = "MENTIONS";
    /** Written by {@code kedrec.recommend.write}: {@code (:Drug)-[:PREDICTED_TREATS {score, rank, model, version}]->(:Disease)}. */
    public static final String PREDICTED_TREATS = "PREDICTED_TREATS";

    /** Node property holding a drug's or disease's KG embedding; indexed by a vector index. */
    public static final String EMBEDDING = "embedding";
    public static final String DRUG_EMBEDDING_INDEX = "drug_embedding";
    public static final String DISEASE_EMBEDDING_INDEX = "disease_embedding";

    /** Relationship types that are evidence or predictions, not knowledge-graph facts: kept out of KG training. */
    public static final List<String> NON_KG_TYPES = List.of(TESTS, STUDIES, MENTIONS, PREDICTED_TREATS);

    /** The schema file, bundled from the repository's {@code cypher/schema.cypher} next to this class. */
    public static final String RESOURCE = "schema.cypher";

    private GraphSchema() {}

    /**
     * The statements of {@code cypher/schema.cypher}, comments removed: unique ids per label, name indexes and the
     * full-text indexes. Each is idempotent ({@code IF NOT EXISTS}).
     */
    public static List<String> statements() {
        String text;
        try (InputStream in = GraphSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(Messages.format("The schema file %s is missing from the core jar; "
                        + "rebuild it with ./mvnw -pl core package.", RESOURCE));
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("//")) {
                code.append(line).append('\n');
            }
        }
        return Arrays.stream(code.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The name of the vector index over the embeddings of nodes of this kind: {@code drug_embedding}. */
    public static String embeddingIndex(EntityKind kind) {
        return switch (kind) {
            case DRUG -> DRUG_EMBEDDING_INDEX;
            case DISEASE -> DISEASE_EMBEDDING_INDEX;
            default -> throw new IllegalArgumentException(Messages.format(
                    "Only drugs and diseases have embeddings, not %ss.", kind));
        };
    }

    /**
     * The vector index over {@link #EMBEDDING} for one kind (cosine similarity, as the KG-embedding scorer
     * compares), created when the model that gives the dimension is written.
     */
    public static String vectorIndex(EntityKind kind, int dimensions) {
        // cypher-safe: the index name and the label come from this class and EntityKind, never from input
        return Messages.format("CREATE VECTOR INDEX `%s` IF NOT EXISTS FOR (n:`%s`) ON (n.%s) OPTIONS {indexConfig: "
                + "{`vector.dimensions`: %d, `vector.similarity_function`: 'cosine'}}",
                embeddingIndex(kind), kind.label(), EMBEDDING, dimensions);
    }
}
