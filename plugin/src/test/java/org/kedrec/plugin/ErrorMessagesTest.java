package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every message a user can get from bad input, pinned word for word as it arrives over Bolt. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorMessagesTest {
    private static final String RECOMMEND = TestDb.badInput("kedrec.recommend");
    private static final String EXPLAIN = TestDb.badInput("kedrec.explain");

    private final TestDb db = TestDb.get();

    private String recommend(String disease, String config) {
        return db.failure("CALL kedrec.recommend($d, " + config + ")", Map.of("d", disease));
    }

    @Test
    void unknownDiseasesListTheClosestNames() {
        assertThat(recommend("hypertenson", "{}")).isEqualTo(RECOMMEND + "Unknown disease `hypertenson`: no Disease "
                + "has this id, xref or name (names are compared case-insensitively). Did you mean: hypertension "
                + "(DOID:10763)?");
        assertThat(recommend("DOID:10764", "{}")).isEqualTo(RECOMMEND + "Unknown disease `DOID:10764`: no Disease "
                + "has this id, xref or name (names are compared case-insensitively). Did you mean: hypertension "
                + "(DOID:10763)?");
        assertThat(recommend("qqqqzzzz", "{}")).isEqualTo(RECOMMEND + "Unknown disease `qqqqzzzz`: no Disease has "
                + "this id, xref or name (names are compared case-insensitively). List them with MATCH (n:Disease) "
                + "RETURN n.id, n.name.");
        assertThat(recommend(" ", "{}")).isEqualTo(RECOMMEND + "No disease given: name it by its id (e.g. "
                + "'DOID:10763'), an xref or its name.");
    }

    @Test
    void unknownDrugsListTheClosestNames() {
        assertThat(db.failure("CALL kedrec.explain('hypertension', 'Ramipirl')")).isEqualTo(EXPLAIN + "Unknown drug "
                + "`Ramipirl`: no Drug has this id, xref or name (names are compared case-insensitively). Did you "
                + "mean: Ramipril (DrugBank:DB00178)?");
    }

    @Test
    void badConfigurationKeysAndValues() {
        assertThat(recommend("hypertension", "{pathPerDrug: 2}")).isEqualTo(RECOMMEND
                + "Unexpected configuration key: pathPerDrug (Did you mean [pathsPerDrug]?)");
        assertThat(recommend("hypertension", "{topk: 2}")).isEqualTo(RECOMMEND
                + "Unexpected configuration key: topk Valid keys are: [excludeKnown, k, kinds, maxPathLength, model, "
                + "order, pathsPerDrug, rationale].");
        assertThat(recommend("hypertension", "{k: 'ten'}")).isEqualTo(RECOMMEND
                + "The value of `k` must be of type `Integer` but was `String`.");
        assertThat(recommend("hypertension", "{rationale: 'gpt'}")).isEqualTo(RECOMMEND
                + "Invalid value for `rationale`: `gpt`. Valid values are: [teacher, student, none].");
        assertThat(recommend("hypertension", "{maxPathLength: 5}")).isEqualTo(RECOMMEND
                + "The value of `maxPathLength` must be between 2 and 4 but was 5.");
        assertThat(recommend("hypertension", "{pathsPerDrug: 0}")).isEqualTo(RECOMMEND
                + "The value of `pathsPerDrug` must be between 1 and 20 but was 0.");
        assertThat(recommend("hypertension", "{excludeKnown: 'yes'}")).isEqualTo(RECOMMEND
                + "The value of `excludeKnown` must be of type `Boolean` but was `String`.");
    }

    @Test
    void kOverTheLimitNamesTheLimitAndTheSetting() {
        assertThat(recommend("hypertension", "{k: 500}")).isEqualTo(RECOMMEND + "The value of `k` must be between 1 "
                + "and 100 but was 500. The upper limit is set by `kedrec.recommend.max_k` in kedrec.conf"
                + " (or the environment variable KEDREC_RECOMMEND_MAX_K).");
        assertThat(db.failure("CALL kedrec.recommend.write({k: 101})")).isEqualTo("Failed to invoke procedure "
                + "`kedrec.recommend.write`: Caused by: java.lang.IllegalArgumentException: The value of `k` must be "
                + "between 1 and 100 but was 101. The upper limit is set by `kedrec.recommend.max_k` in "
                + "kedrec.conf (or the environment variable KEDREC_RECOMMEND_MAX_K).");
    }

    @Test
    void aDiseaseTheModelWasNotTrainedOnIsNamed() {
        db.run("CREATE (:Disease {id: 'DOID:0000000', name: 'test-only disease'})");
        try {
            assertThat(recommend("test-only disease", "{}")).isEqualTo(RECOMMEND + "The model `fixture` does not know "
                    + "the disease test-only disease (DOID:0000000): it was not in the graph the model was trained "
                    + "on. Retrain the model with `kedrec train kge` to include it.");
        } finally {
            db.run("MATCH (d:Disease {id: 'DOID:0000000'}) DELETE d");
        }
    }

    @Test
    void anUnknownModelIsNamedWithTheKnownOnes() {
        assertThat(recommend("hypertension", "{model: 'nope'}")).isEqualTo(RECOMMEND + "Unknown model `nope`: there "
                + "is no such folder under kedrec.model.home. Models known: [fixture, ranker-only] (the default model, set "
                + "by kedrec.model.dir, and the folders under kedrec.model.home).");
    }
}
