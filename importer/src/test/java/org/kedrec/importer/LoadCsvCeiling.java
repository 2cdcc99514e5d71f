package org.kedrec.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * Developer tool: a ceiling for any online import on this machine. Loads the neo4j-admin files of the demo set
 * (written by {@code kedrec import offline}'s first phase, see {@link OfflineFilesTool}) with server-side
 * {@code LOAD CSV ... CALL {...} IN TRANSACTIONS}: nodes with their id only, relationships with their ends and
 * key properties only, so the server does strictly less than the importer asks of it and no client or Bolt
 * parameter transfer is involved. Arguments: boltUri serverPid importDir(the server's import folder, holding the
 * files) [runs]; each run after the first wipes the database first.
 */
public final class LoadCsvCeiling {
    private LoadCsvCeiling() {}

    public static void main(String[] args) throws IOException {
        String uri = args[0];
        long pid = Long.parseLong(args[1]);
        Path dir = Path.of(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        try (Driver driver = GraphDatabase.driver(uri, AuthTokens.none())) {
            new Importer(driver, ImportOptions.defaults()).applySchema();
            for (int run = 1; run <= runs; run++) {
                if (run > 1) {
                    ImportBenchmark.wipe(driver, "neo4j");
                }
                double cpu0 = cpu(pid);
                long t0 = System.nanoTime();
                long rels = 0;
                try (Session session = driver.session()) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        String header;
                        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                            header = in.readLine();
                        }
                        String[] columns = header.split(",");
                        if (columns[0].startsWith(":ID(")) {
                            // Its statements match relationship ends on the stored id, which the files no longer
                            // hold in the ends' columns since they carry integer ids.
                            throw new IllegalStateException("LoadCsvCeiling reads the string-id files that "
                                    + "AdminImportFiles wrote before integer ids (commit b4c176e); " + file
                                    + " has integer ids. Write the files with OfflineFilesTool from 8ae156b.");
                        }
                        String url = "file:///" + name;
                        if (name.startsWith("nodes-")) {
                            String label = name.substring(6, name.length() - 4);
                            session.run("LOAD CSV WITH HEADERS FROM '" + url + "' AS row CALL (row) { CREATE (:"
                                    + label + " {id: row.`" + columns[0] + "`}) } IN TRANSACTIONS OF 10000 ROWS")
                                    .consume();
                        } else {
                            String[] parts = name.substring(0, name.length() - 4).split("-");
                            String type = parts[2];
                            String start = parts[3];
                            String end = parts[4];
                            StringBuilder keys = new StringBuilder();
                            for (String column : columns) {
                                String prop = column.split(":")[0];
                                if (prop.equals("source") || prop.equals("relation")) {
                                    keys.append(keys.length() == 0 ? "" : ", ").append(prop).append(": row.`")
                                            .append(column).append('`');
                                }
                            }
                            var summary = session.run("LOAD CSV WITH HEADERS FROM '" + url + "' AS row CALL (row) { "
                                    + "MATCH (a:" + start + " {id: row.`" + columns[0] + "`}) MATCH (b:" + end
                                    + " {id: row.`" + columns[1] + "`}) CREATE (a)-[:" + type + " {" + keys
                                    + "}]->(b) } IN TRANSACTIONS OF 10000 ROWS").consume();
                            rels += summary.counters().relationshipsCreated();
                        }
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("run %d: %d relationships in %.1f s = %.0f/s, server CPU %.1f s%n", run, rels,
                        seconds, rels / seconds, cpu(pid) - cpu0);
            }
        }
    }

    private static double cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis() / 1000.0)
                .orElse(-1.0);
    }
}
