package org.kedrec.commandline.chart;

import java.nio.file.Path;
import java.util.List;

/**
 * The arguments of a chart tool's {@code main}: one or more inputs, then the PNG to write
 * ({@code INPUT... OUT.png}).
 */
public record ChartArgs(List<String> inputs, Path png) {
    /** The parsed arguments, or a usage line on stderr and exit status 2 when there are fewer than two. */
    public static ChartArgs parse(String[] args, String usage) {
        if (args.length < 2) {
            System.err.println("Usage: " + usage);
            System.exit(2);
        }
        return new ChartArgs(List.of(args).subList(0, args.length - 1), Path.of(args[args.length - 1]));
    }
}
