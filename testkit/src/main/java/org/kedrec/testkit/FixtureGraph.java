package org.kedrec.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.Importer;
import org.kedrec.importer.OnError;
import org.kedrec.importer.trials.TrialsImport;
import org.neo4j.driver.Driver;

/**
 * The fixture graph every module's tests load (docs/plugin.md): Hetionet's edges-10 with its 432 nodes, the demo
 * graph's edges among those nodes (edges-10 alone has almost no complete drug-to-disease metapath, so explanations
 * would find nothing), optionally the clinical trials about them, and the BC5CDR sample abstracts. It goes in through
 * the importer over Bolt, exactly as {@code kedrec import} does.
 */
public final class FixtureGraph {
    /** The fixture's nodes, relative to the data directory. */
    public static final String NODES = "fixtures/hetionet-nodes-for-edges-10.tsv";
    /** The fixture's own edges, relative to the data directory. */
    public static final String EDGES = "hetionet-integrate/edges-10.sif";
    private static final String DEMO_EDGES = "derived/hetionet-v1.0-edges-demo.sif.gz";
    private static final String TRIAL_MAP = TrialsImport.DHIMMEL;

    private FixtureGraph() {}

    /**
     * Imports the fixture into the database behind {@code driver}; {@code work} holds the files derived from the
     * data (the induced edges, the trial subset).
     *
     * @param withTrials whether to import the trials about the fixture's drugs and diseases (the plugin's tests
     *     check trial evidence; the server and container tests need none)
     */
    public static void importInto(Driver driver, Path data, Path work, boolean withTrials) {
        Path nodes = data.resolve(NODES);
        Importer importer = new Importer(driver, ImportOptions.defaults().withDataDirectory(data));
        importer.importHetionet(nodes, data.resolve(EDGES));
        importer.importHetionet(nodes, inducedEdges(data, work.resolve("edges-induced.sif")));
        Importer evidence = new Importer(driver, ImportOptions.defaults().withDataDirectory(data)
                .withOnError(OnError.SKIP));
        if (withTrials) {
            evidence.importTrials(fixtureTrials(data, work));
        }
        evidence.importPubmed(data.resolve("fixtures/CDR_sample.txt"));
    }

    /** The demo graph's edges between the fixture's nodes (1,299 real Hetionet edges), written as a SIF file. */
    public static Path inducedEdges(Path data, Path out) {
        try {
            Set<String> nodes = nodes(data);
            List<String> kept = new ArrayList<>(List.of("source\tmetaedge\ttarget"));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(data.resolve(DEMO_EDGES))), StandardCharsets.UTF_8))) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] cols = line.split("\t");
                    if (cols.length == 3 && nodes.contains(cols[0]) && nodes.contains(cols[2])) {
                        kept.add(line);
                    }
                }
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, kept);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Hetionet ids of the fixture's nodes ({@code Compound::DB00001}). */
    public static Set<String> nodes(Path data) throws IOException {
        Set<String> nodes = new HashSet<>();
        List<String> lines = Files.readAllLines(data.resolve(NODES));
        for (String line : lines.subList(1, lines.size())) {
            nodes.add(line.split("\t")[0]);
        }
        return nodes;
    }

    /**
     * A data folder under {@code work} whose trial map holds only the rows about the fixture's nodes: the map covers
     * all of Hetionet, and the other trial sources are optional (they would only add seconds of parsing).
     */
    static Path fixtureTrials(Path data, Path work) {
        Path dir = work.resolve("trial-data");
        try {
            Set<String> ids = new HashSet<>();
            for (String id : nodes(data)) {
                ids.add(id.substring(id.indexOf("::") + 2));
            }
            List<String> lines = Files.readAllLines(data.resolve(TRIAL_MAP));
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split("\t");
                if (cols.length >= 4 && ids.contains(cols[1].strip()) && ids.contains(cols[3].strip())) {
                    kept.add(line);
                }
            }
            Path map = dir.resolve(TRIAL_MAP);
            Files.createDirectories(map.getParent());
            Files.write(map, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
