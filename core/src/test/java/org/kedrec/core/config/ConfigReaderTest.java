package org.kedrec.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final List<String> KEYS = List.of("k", "pathsPerDrug", "excludeKnown", "rationale", "weight");

    @Test
    void rejectsUnknownKeyWithSuggestion() {
        assertThatThrownBy(() -> ConfigReader.of(Map.of("pathsPerDrugs", 2), KEYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unexpected configuration key: pathsPerDrugs (Did you mean [pathsPerDrug]?)");
    }

    @Test
    void listsValidKeysWhenNothingIsClose() {
        assertThatThrownBy(() -> ConfigReader.of(Map.of("zzzzzzzzzz", 2), KEYS))
                .hasMessage("Unexpected configuration key: zzzzzzzzzz Valid keys are: "
                        + "[excludeKnown, k, pathsPerDrug, rationale, weight].");
    }

    @Test
    void convertsCypherNumbers() {
        ConfigReader reader = ConfigReader.of(Map.of("k", 5L, "weight", 2L), KEYS);
        assertThat(reader.intValue("k", 10)).isEqualTo(5);
        assertThat(reader.doubleValue("weight", 1.0)).isEqualTo(2.0);
        assertThat(reader.bool("excludeKnown", true)).isTrue();
    }

    @Test
    void namesTheKeyAndBothTypesOnTypeError() {
        ConfigReader reader = ConfigReader.of(Map.of("k", "ten"), KEYS);
        assertThatThrownBy(() -> reader.intValue("k", 10))
                .hasMessage("The value of `k` must be of type `Integer` but was `String`.");
    }

    @Test
    void rangeErrorNamesTheSettingThatMovesTheLimit() {
        ConfigReader reader = ConfigReader.of(Map.of("k", 5000L), KEYS);
        assertThatThrownBy(() -> reader.intInRange("k", 10, 1, 1000, "kedrec.recommend.max_k"))
                .hasMessage("The value of `k` must be between 1 and 1000 but was 5000. "
                        + "The upper limit is set by `kedrec.recommend.max_k`.");
    }

    @Test
    void enumeratedValuesAreCaseInsensitive() {
        ConfigReader reader = ConfigReader.of(Map.of("rationale", "TEACHER"), KEYS);
        assertThat(reader.oneOf("rationale", "none", List.of("teacher", "student", "none"))).isEqualTo("teacher");
        ConfigReader bad = ConfigReader.of(Map.of("rationale", "llm"), KEYS);
        assertThatThrownBy(() -> bad.oneOf("rationale", "none", List.of("teacher", "student", "none")))
                .hasMessage("Invalid value for `rationale`: `llm`. Valid values are: [teacher, student, none].");
    }
}
