package org.kedrec.importer.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    @Test
    void readsQuotedMultiLineFieldsAndEscapedQuotes() {
        String text = "a,b,c\r\n1,\"two, with comma\",\"three\nlines\n\"\"quoted\"\"\"\n,,\n\"last\",x,\n";
        try (CsvReader csv = CsvReader.of(Path.of("t.csv"), new StringReader(text))) {
            assertThat(csv.next()).containsExactly("a", "b", "c");
            assertThat(csv.recordLine()).isEqualTo(1);
            assertThat(csv.next()).containsExactly("1", "two, with comma", "three\nlines\n\"quoted\"");
            assertThat(csv.recordLine()).isEqualTo(2);
            assertThat(csv.next()).containsExactly("", "", "");
            assertThat(csv.recordLine()).isEqualTo(5);
            assertThat(csv.next()).containsExactly("last", "x", "");
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void keepsQuotesInsideAnUnquotedField() {
        try (CsvReader csv = CsvReader.of(Path.of("t.csv"), new StringReader("say \"hi\",2"))) {
            assertThat(csv.next()).isEqualTo(List.of("say \"hi\"", "2"));
        }
    }
}
