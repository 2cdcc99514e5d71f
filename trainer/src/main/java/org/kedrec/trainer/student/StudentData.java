package org.kedrec.trainer.student;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;

/**
 * One variant of an expRxRec dataset directory ({@code <dataset>/<variant>/*.jsonl}), grouped by each example's
 * {@code split} field ({@code train}, {@code validation}, {@code test}, {@code zeroshot}) whatever file holds it.
 */
public final class StudentData {
    public static final List<String> VARIANTS = List.of("vanilla", "trials", "publications", "both");

    private final Path directory;
    private final Map<String, List<ExpRxRecExample>> bySplit;

    private StudentData(Path directory, Map<String, List<ExpRxRecExample>> bySplit) {
        this.directory = directory;
        this.bySplit = bySplit;
    }

    public static Path variantDirectory(Path dataset, String variant) {
        if (!VARIANTS.contains(variant)) {
            throw new IllegalArgumentException(Messages.format(
                    "Unknown dataset variant: `%s`. Valid variants are: %s.", variant, VARIANTS));
        }
        return dataset.resolve(variant);
    }

    public static StudentData read(Path dataset, String variant) {
        Path dir = variantDirectory(dataset, variant);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(Messages.format(
                    "No %s variant in %s (expected %s/{train,validation,test}.jsonl). Build the dataset first with "
                            + "`kedrec dataset build --out %s`.", variant, dataset, dir, dataset));
        }
        Map<String, List<ExpRxRecExample>> bySplit = new LinkedHashMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir, e);
        }
        for (Path file : files) {
            for (ExpRxRecExample example : ExpRxRecJson.read(file)) {
                String split = example.split() == null ? "train" : example.split();
                if (seen.put(split + "\u0000" + example.id(), Boolean.TRUE) == null) {
                    bySplit.computeIfAbsent(split, k -> new ArrayList<>()).add(example);
                }
            }
        }
        return new StudentData(dir, bySplit);
    }

    public Path directory() {
        return directory;
    }

    public List<ExpRxRecExample> split(String name) {
        return bySplit.getOrDefault(name, List.of());
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        bySplit.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    /** SHA-256 of a file, hex: the model records which training data it saw. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM.", e);
        }
    }
}
