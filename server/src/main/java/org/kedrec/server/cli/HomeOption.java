package org.kedrec.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --home DIR}, defaulting to {@code $KEDREC_HOME} (which {@code bin/kedrec} sets). */
public final class HomeOption {
    public static final String ENV = "KEDREC_HOME";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            defaultValue = "${env:KEDREC_HOME}",
            description = "The Neo4j server home (created when missing). Default: $KEDREC_HOME; bin/kedrec sets it "
                    + "to <repository>/.kedrec/neo4j.")
    Path home;

    /** The home, or a usage error (exit code 2) when neither --home nor KEDREC_HOME gives one. */
    public Path require() {
        if (home == null || home.toString().isBlank()) {
            throw new ParameterException(
                    mixee.commandLine(), "Missing required option: '--home=DIR' (or set " + ENV + ").");
        }
        return home.toAbsolutePath().normalize();
    }
}
