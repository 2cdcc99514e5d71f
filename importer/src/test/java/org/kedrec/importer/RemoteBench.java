package org.kedrec.importer;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.kedrec.core.data.DataDirectory;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * Developer tool: {@link ImportBenchmark} against a running server (e.g. {@code bin/kedrec server start --bolt 7682}).
 * Arguments: boltUri report.json [warmupRuns] [wipe] [writers].
 */
public final class RemoteBench {
    private RemoteBench() {}

    public static void main(String[] args) {
        Path report = Paths.get(args[1]);
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        boolean wipe = args.length > 3 && Boolean.parseBoolean(args[3]);
        int writers = args.length > 4 ? Integer.parseInt(args[4]) : ImportOptions.DEFAULT_WRITERS;
        try (Driver driver = GraphDatabase.driver(args[0], AuthTokens.none())) {
            ImportReport result = ImportBenchmark.run(driver, ImportOptions.defaults().withWriters(writers),
                    DataDirectory.require(), wipe,
                    warmups);
            result.write(report);
            ImportBenchmark.summary(result).forEach(System.out::println);
        }
    }
}
