package org.kedrec.commandline;

import org.kedrec.core.Messages;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The checks of option values that picocli's types cannot make (a range, a relation between two options), written
 * once so that every command words a bad value the same way, {@code Invalid value for option '--clients': 0. Use 1
 * to 256 clients.}, in picocli's own form, and exits 2 with the usage like picocli's own checks.
 */
public final class OptionChecks {
    private OptionChecks() {}

    /**
     * Fails the command line unless {@code ok}: the message names the option, the value given, and what to use
     * instead ({@code use}, e.g. {@code "1 to 256 clients"}).
     */
    public static void require(CommandSpec spec, boolean ok, String option, Object value, String use) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(),
                    Messages.format("Invalid value for option '%s': %s. Use %s.", option, value, use));
        }
    }

    /** {@link #require} for a whole number of seconds of at least 1, the form of every timeout option. */
    public static void requireSeconds(CommandSpec spec, String option, long seconds) {
        require(spec, seconds >= 1, option, seconds, "a number of seconds of at least 1");
    }
}
