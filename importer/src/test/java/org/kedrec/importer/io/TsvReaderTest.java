package org.kedrec.importer.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsvReaderTest {
    @Test
    void splitKeepsEmptyCells() {
        assertThat(TsvReader.split("a\t\tc\t")).containsExactly("a", "", "c", "");
        assertThat(TsvReader.split("")).containsExactly("");
    }

    @Test
    void unquoteStripsDrugCentralQuotes() {
        assertThat(TsvReader.unquote("\"DB04849\"")).isEqualTo("DB04849");
        assertThat(TsvReader.unquote("\"say \"\"x\"\"\"")).isEqualTo("say \"x\"");
        assertThat(TsvReader.unquote("5136")).isEqualTo("5136");
    }
}
