package org.kedrec.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kedrec.core.Messages;
import org.kedrec.server.demo.DemoData;

/**
 * A small data directory cut from the real data: the 432 nodes of Hetionet's {@code edges-10.sif}, its edges and
 * the demo edges among those nodes, the trials between them, the BC5CDR sample abstracts and the real side files
 * (the set {@code DemoIT} runs the demo on). Every step of the pipeline runs on it in seconds, which is what a fault benchmark
 * that repeats each step several times needs.
 */
public final class SmallDataDirectory {
    private final Path shared;
    private final Path out;

    private SmallDataDirectory(Path shared, Path out) {
        this.shared = shared;
        this.out = out;
    }

    /** Writes the small set cut from {@code shared} into {@code out} (which must not exist yet) and returns it. */
    public static Path write(Path shared, Path out) {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(Messages.format(
                    "The folder for the small data set already exists: %s. Delete it or name another.", out));
        }
        try {
            new SmallDataDirectory(shared, out).build();
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Cannot write the small data set into %s: %s", out,
                    e.getMessage()), e);
        }
        return out;
    }

    private void build() throws IOException {
        Path nodes = shared.resolve("fixtures/hetionet-nodes-for-edges-10.tsv");
        Set<String> ids = new HashSet<>();
        List<String> nodeLines = Files.readAllLines(nodes);
        nodeLines.subList(1, nodeLines.size()).forEach(line -> ids.add(line.split("\t")[0]));
        copy(nodes, "hetionet/hetionet-v1.0-nodes.tsv");

        List<String> edges = new ArrayList<>(Files.readAllLines(shared.resolve("hetionet-integrate/edges-10.sif")));
        Set<String> seen = new HashSet<>(edges);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                shared.resolve("derived/hetionet-v1.0-edges-demo.sif.gz"))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cols = line.split("\t");
                if (cols.length == 3 && ids.contains(cols[0]) && ids.contains(cols[2]) && seen.add(line)) {
                    edges.add(line);
                }
            }
        }
        Path sif = out.resolve("derived/hetionet-v1.0-edges-demo.sif.gz");
        Files.createDirectories(sif.getParent());
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(sif));
                Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            w.write(String.join("\n", edges) + "\n");
        }

        List<String> trials = Files.readAllLines(shared.resolve(
                "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv"));
        List<String> kept = new ArrayList<>(List.of(trials.get(0)));
        for (String line : trials.subList(1, trials.size())) {
            String[] cols = line.split("\t");
            if (ids.contains("Compound::" + cols[1]) && ids.contains("Disease::" + cols[3])) {
                kept.add(line);
            }
        }
        write(kept, "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv");
        // The BC5CDR sample stands for the corpora; the other PubTator files are empty.
        copy(shared.resolve("fixtures/CDR_sample.txt"), "pubmed/bc5cdr/CDR_TrainingSet.PubTator.txt");
        for (String empty : List.of("pubmed/bc5cdr/CDR_DevelopmentSet.PubTator.txt",
                "pubmed/bc5cdr/CDR_TestSet.PubTator.txt", "pubmed/biored/Train.PubTator",
                "pubmed/biored/Dev.PubTator", "pubmed/biored/Test.PubTator")) {
            write(List.of(), empty);
        }
        for (DemoData.DataFile file : DemoData.FILES) {
            if (!Files.exists(out.resolve(file.path()))) {
                copy(shared.resolve(file.path()), file.path());
            }
        }
        List<DemoData.DataFile> missing = DemoData.missing(out);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Messages.format("The small data set in %s lacks %s.", out, missing));
        }
    }

    private void copy(Path from, String to) throws IOException {
        Path target = out.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(from, target);
    }

    private void write(List<String> lines, String to) throws IOException {
        Path target = out.resolve(to);
        Files.createDirectories(target.getParent());
        Files.write(target, lines);
    }
}
