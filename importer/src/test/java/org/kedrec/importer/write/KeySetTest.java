package org.kedrec.importer.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeySetTest {
    @Test
    void remembersKeysAcrossGrowth() {
        KeySet keys = new KeySet();
        for (int i = 0; i < 100_000; i++) {
            assertThat(keys.add("NCBIGene:" + i, "PathwayCommons:PC" + (i % 97), "{source=Hetionet}")).isTrue();
        }
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(keys.add("NCBIGene:" + i, "PathwayCommons:PC" + (i % 97), "{source=Hetionet}")).isFalse();
        }
        assertThat(keys.size()).isEqualTo(100_000);
    }

    @Test
    void partsAreSeparated() {
        assertThat(KeySet.hash("ab", "c", "")).isNotEqualTo(KeySet.hash("a", "bc", ""));
        assertThat(KeySet.hash("a", "b", "{source=X}")).isNotEqualTo(KeySet.hash("a", "b", "{source=Y}"));
    }
}
