package org.kedrec.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.explain.PairRequest;
import org.kedrec.core.lm.StudentConfig;
import org.kedrec.core.ranking.RankerConfig;
import org.kedrec.core.ranking.kge.KgeKind;

class RecordMapsTest {
    private record Row(String name, int count, Double share) {}

    private record Failing(String value) {
        @Override
        public String value() {
            throw new IllegalStateException("no value");
        }
    }

    @Test
    void keysAndOrderAreTheComponentsEvenForAPrivateRecordAndNullsStay() {
        Map<String, Object> map = RecordMaps.toMap(new Row("a", 3, null));
        assertThat(map).containsExactly(Map.entry("name", "a"), Map.entry("count", 3),
                new java.util.AbstractMap.SimpleEntry<>("share", null));
        assertThat(RecordMaps.names(Row.class)).containsExactly("name", "count", "share");
    }

    @Test
    void theMapIsTheCallersToChange() {
        Map<String, Object> map = RecordMaps.toMap(new Row("a", 3, 0.5));
        map.put("count", "three");
        assertThat(map.keySet()).containsExactly("name", "count", "share");
        assertThat(map.get("count")).isEqualTo("three");
    }

    @Test
    void anAccessorsOwnExceptionIsThrownAsItIs() {
        assertThatThrownBy(() -> RecordMaps.toMap(new Failing("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("no value");
    }

    @Test
    void thePairParameterAndTheStudentConfigKeepTheirKeys() {
        assertThat(PairRequest.of("DB00001", "DOID:1").toParameter()).containsOnlyKeys("key", "drug", "disease",
                "exclude").containsEntry("key", "DB00001|DOID:1").containsEntry("exclude", null);
        Map<String, Object> student = StudentConfig.preset("small", 1000, 512).toMap();
        assertThat(List.copyOf(student.keySet())).containsExactly("vocabSize", "maxSeqLen", "layers", "dModel",
                "heads", "ffnDim", "dropout", "answerTokens", "lineTokens");
        assertThat(student.get("dropout")).isEqualTo((double) 0.1f);
        assertThat(StudentConfig.of(student)).isEqualTo(StudentConfig.preset("small", 1000, 512));
    }

    @Test
    void theRankerConfigIsWrittenInItsOrderAndReadBack(@TempDir Path dir) throws Exception {
        RankerConfig config = new RankerConfig(RankerConfig.FORMAT, "ranker", "1", "2026-12-07T00:00:00Z",
                KgeKind.COMPLEX, 8, 100, 3, "Drug-TREATS->Disease", "Drug", "Disease",
                List.of(RankerConfig.KGE, RankerConfig.METAPATH),
                new RankerConfig.Combiner(0.5, 1.0, 0.1, 2.0, 0.7), "abc", Map.of("epochs", 3.0));
        Path file = dir.resolve("config.json");
        config.write(file);
        String json = Files.readString(file);
        assertThat(json).containsSubsequence("\"format\"", "\"name\"", "\"version\"", "\"createdAt\"",
                "\"model\": \"complex\"", "\"dim\"", "\"entities\"", "\"relations\"", "\"treatsRelation\"",
                "\"drugLabel\"", "\"diseaseLabel\"", "\"components\"", "\"combiner\"", "\"intercept\"",
                "\"kgeWeight\"", "\"kgeMean\"", "\"kgeStd\"", "\"pathWeight\"", "\"dataHash\"", "\"training\"");
        assertThat(RankerConfig.read(file)).isEqualTo(config);
    }
}
