package org.kedrec.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuceneQueryTest {
    @Test
    void escapesEveryLuceneOperator() {
        assertThat(LuceneQuery.escape("a+b-c!(d):e^[f]\"g{h}~i*j?k|l&m/n\\o"))
                .isEqualTo("a\\+b\\-c\\!\\(d\\)\\:e\\^\\[f\\]\\\"g\\{h\\}~i\\*j\\?k\\|l\\&m\\/n\\\\o".replace("~",
                        "\\~"));
    }

    @Test
    void quotesEachNameAsAPhrase() {
        assertThat(LuceneQuery.forNames("Interferon (alpha)", "Alzheimer's disease"))
                .isEqualTo("\"Interferon \\(alpha\\)\" OR \"Alzheimer's disease\"");
        assertThat(LuceneQuery.forNames("NOT", " ")).isEqualTo("\"NOT\"");
        assertThat(LuceneQuery.forNames(null, "")).isNull();
    }
}
