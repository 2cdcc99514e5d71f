package org.kedrec.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void shortValuesAreEchoedWhole() {
        assertThat(Messages.echo("hypertension")).isEqualTo("hypertension");
        assertThat(Messages.echo(null)).isEqualTo("null");
        assertThat(Messages.echo("x".repeat(200))).isEqualTo("x".repeat(200));
    }

    @Test
    void longValuesAreCutAt200CharactersWithTheirLength() {
        assertThat(Messages.echo("a".repeat(100_000))).isEqualTo("a".repeat(200) + "… (100000 characters in all)");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "a".repeat(199) + "😀" + "b".repeat(50);
        assertThat(Messages.echo(text)).isEqualTo("a".repeat(199) + "… (251 characters in all)");
    }
}
