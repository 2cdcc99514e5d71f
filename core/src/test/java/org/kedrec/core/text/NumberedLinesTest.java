package org.kedrec.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberedLinesTest {
    private static final String FILE = "head\n a \n\n  \nb\n";

    @Test
    void afterAHeaderTheFirstLineIsTwoAndBlankLinesAreCounted() throws Exception {
        BufferedReader in = new BufferedReader(new StringReader(FILE));
        assertThat(in.readLine()).isEqualTo("head");
        List<String> seen = new ArrayList<>();
        NumberedLines.forEach(in, 1, (number, line) -> seen.add(number + ":" + line));
        assertThat(seen).containsExactly("2: a ", "3:", "4:  ", "5:b");
    }

    @Test
    void blankLinesArePassedOverAndKeepTheirNumbers() throws Exception {
        List<String> seen = new ArrayList<>();
        NumberedLines.forEachNonBlank(new BufferedReader(new StringReader(FILE)), 0,
                (number, line) -> seen.add(number + ":" + line));
        assertThat(seen).containsExactly("1:head", "2: a ", "5:b");
    }
}
