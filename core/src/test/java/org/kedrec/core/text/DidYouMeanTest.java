package org.kedrec.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    @Test
    void distanceIsHandComputed() {
        assertThat(DidYouMean.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.levenshtein("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.levenshtein("same", "same")).isZero();
    }

    @Test
    void suggestsClosestFirst() {
        List<String> known = List.of("hypertension", "hypothyroidism", "asthma", "pulmonary hypertension");
        assertThat(DidYouMean.suggest("hypertensoin", known, 3)).startsWith("hypertension");
        assertThat(DidYouMean.suggest("xyz", known, 3)).isEmpty();
    }
}
