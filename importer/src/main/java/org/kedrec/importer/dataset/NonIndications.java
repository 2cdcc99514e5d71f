package org.kedrec.importer.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;

/**
 * PharmacotherapyDB's physician-labelled non-indications ({@code category == NOT} in
 * {@code pharmacotherapydb/indications.tsv}, 243 pairs): drugs that do not treat a disease although one might
 * think so, the ideal hard negatives.
 */
final class NonIndications {
    static final String FILE = "pharmacotherapydb/indications.tsv";

    private NonIndications() {}

    /** Disease CURIE to the CURIEs of its non-indicated drugs, sorted; empty when the file is absent. */
    static Map<String, List<String>> read(Path dataDir) {
        Map<String, List<String>> out = new TreeMap<>();
        if (dataDir == null) {
            return out;
        }
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("doid_id\tdrugbank_id")) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line 1: expected the header `doid_id<TAB>drugbank_id<TAB>disease<TAB>drug<TAB>category…` "
                                + "but found `%s`.", file, header));
            }
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cols = line.split("\t", -1);
                if (cols.length >= 5 && cols[4].strip().equals("NOT")) {
                    out.computeIfAbsent(Curies.of(EntityKind.DISEASE, cols[0]), k -> new ArrayList<>())
                            .add(Curies.of(EntityKind.DRUG, cols[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        out.values().forEach(list -> list.sort(null));
        return out;
    }
}
