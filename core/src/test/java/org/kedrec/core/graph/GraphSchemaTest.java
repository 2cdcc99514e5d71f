package org.kedrec.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kedrec.core.ids.EntityKind;

class GraphSchemaTest {
    /** A label added to {@link EntityKind} without its constraint in {@code cypher/schema.cypher} fails here. */
    @Test
    void everyEntityKindHasItsUniqueIdAndNameIndexInTheSchemaFile() {
        List<String> statements = GraphSchema.statements();
        for (EntityKind kind : EntityKind.values()) {
            String snake = kind.label().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            assertThat(statements).as(kind.label()).contains(
                    "CREATE CONSTRAINT " + snake + "_id IF NOT EXISTS FOR (n:" + kind.label()
                            + ") REQUIRE n.id IS UNIQUE",
                    "CREATE INDEX " + snake + "_name IF NOT EXISTS FOR (n:" + kind.label() + ") ON (n.name)");
        }
        assertThat(statements).hasSize(2 * EntityKind.values().length + 3)
                .allMatch(s -> s.contains("IF NOT EXISTS"))
                .noneMatch(s -> s.contains("//"));
    }

    @Test
    void theVectorIndexesAreNamedPerKindWithTheModelsDimension() {
        assertThat(GraphSchema.vectorIndex(EntityKind.DRUG, 32)).isEqualTo(
                "CREATE VECTOR INDEX `drug_embedding` IF NOT EXISTS FOR (n:`Drug`) ON (n.embedding) OPTIONS "
                        + "{indexConfig: {`vector.dimensions`: 32, `vector.similarity_function`: 'cosine'}}");
        assertThat(GraphSchema.embeddingIndex(EntityKind.DISEASE)).isEqualTo("disease_embedding");
        assertThatThrownBy(() -> GraphSchema.embeddingIndex(EntityKind.GENE))
                .hasMessage("Only drugs and diseases have embeddings, not genes.");
    }
}
