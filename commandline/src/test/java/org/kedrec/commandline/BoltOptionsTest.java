package org.kedrec.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class BoltOptionsTest {
    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        BoltOptions bolt;

        @Override
        public void run() {}
    }

    private static BoltOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.bolt;
    }

    @Test
    void defaultsReachTheServerThatKedrecStarts() {
        BoltOptions bolt = parse();
        assertThat(bolt.uri()).isEqualTo("bolt://127.0.0.1:7687");
        assertThat(bolt.uriGiven()).isFalse();
        assertThat(bolt.user()).isEqualTo("neo4j");
        assertThat(bolt.database()).isNull();
        assertThat(bolt.databaseLabel()).isEqualTo("(home database)");
        assertThat(bolt.hasPassword()).isTrue();
    }

    @Test
    void givenValuesWin() {
        BoltOptions bolt = parse("--uri", "neo4j://db:7688", "--user", "ana", "--password", "s3cret", "--database",
                "trials");
        assertThat(bolt.uri()).isEqualTo("neo4j://db:7688");
        assertThat(bolt.uriGiven()).isTrue();
        assertThat(bolt.database()).isEqualTo("trials");
        assertThat(bolt.auth().toString()).doesNotContain("s3cret");
    }

    @Test
    void anEmptyPasswordSendsNoAuthentication() {
        assertThat(parse("--password=").hasPassword()).isFalse();
    }

    @Test
    void failuresSayWhatToChange() {
        BoltOptions bolt = parse("--uri", "bolt://127.0.0.1:1");
        assertThat(bolt.describe(new ServiceUnavailableException("connection refused")))
                .isEqualTo("Cannot reach Neo4j at bolt://127.0.0.1:1 (connection refused). Start the server "
                        + "(`kedrec server start`) or pass --uri.");
        assertThat(bolt.describe(new AuthenticationException("Neo.ClientError.Security.Unauthorized", "bad")))
                .isEqualTo("Neo4j at bolt://127.0.0.1:1 refused user `neo4j` (bad). Pass --user and --password "
                        + "(or set KEDREC_NEO4J_PASSWORD).");
    }
}
