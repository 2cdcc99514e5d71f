package org.kedrec.core.lm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.metrics.Mentions;

/**
 * What constrained decoding knows beyond one example, saved with the model as {@code lexicon.json}:
 * the teacher's own words (those of its rationales that are no entity name and no id, seen in at least
 * {@link #MIN_EXAMPLES} training examples) and the entity names of the training data. A rationale may use the
 * teacher's words and the words of its own evidence, and may never name a known entity its evidence lacks.
 */
public final class StudentLexicon {
    /** A word becomes a teacher word once that many training rationales used it; rarer words are copied evidence. */
    public static final int MIN_EXAMPLES = 3;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final NavigableSet<String> teacherWords;
    private final EntityLexicon entities;

    public StudentLexicon(Collection<String> teacherWords, EntityLexicon entities) {
        this.teacherWords = java.util.Collections.unmodifiableNavigableSet(new TreeSet<>(teacherWords));
        this.entities = entities;
    }

    public static StudentLexicon build(List<ExpRxRecExample> training) {
        EntityLexicon entities = EntityLexicon.of(training);
        Map<String, Integer> examplesPerWord = new HashMap<>();
        for (ExpRxRecExample example : training) {
            // Words inside the example's own entity names are copied evidence, not the teacher's vocabulary:
            // "lupus" from "systemic lupus erythematosus" must not let the student spell a disease its evidence lacks.
            Set<String> names = new HashSet<>();
            for (String name : EntityLexicon.namesOf(example)) {
                names.add(Mentions.normalizeName(name));
            }
            for (EvidenceItem item : example.evidence()) {
                if (item.text() != null) {
                    names.addAll(entities.mentions(Mentions.words(item.text())));
                }
            }
            List<String> words = Mentions.words(StudentPrompt.answerText(example));
            boolean[] inName = new boolean[words.size()];
            for (int end = 0; end < words.size(); end++) {
                for (String name : entities.mentionsEndingAt(words, end)) {
                    if (names.contains(name)) {
                        int length = name.split(" ").length;
                        for (int i = end - length + 1; i <= end; i++) {
                            inName[i] = true;
                        }
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < words.size(); i++) {
                if (!inName[i] && seen.add(words.get(i))) {
                    examplesPerWord.merge(words.get(i), 1, Integer::sum);
                }
            }
        }
        List<String> words = new ArrayList<>();
        examplesPerWord.forEach((word, count) -> {
            // Ids and long numbers (PMIDs, NCT numbers) are always copied from evidence, however often seen.
            if (count >= MIN_EXAMPLES && !entities.contains(word) && !Mentions.ID.matcher(word).matches()
                    && !word.matches(".*[0-9]{4,}.*")) {
                words.add(word);
            }
        });
        return new StudentLexicon(words, entities);
    }

    public NavigableSet<String> teacherWords() {
        return teacherWords;
    }

    public EntityLexicon entities() {
        return entities;
    }

    public void write(Path file) {
        JsonObject root = new JsonObject();
        root.add("teacherWords", GSON.toJsonTree(new ArrayList<>(teacherWords)));
        root.add("entityNames", GSON.toJsonTree(new TreeSet<>(entities.names())));
        try {
            Files.writeString(file, GSON.toJson(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public static StudentLexicon read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Messages.format(
                    "No lexicon at %s. A student directory holds the lexicon.json written at training time.", file));
        }
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            Set<String> words = new TreeSet<>();
            root.getAsJsonArray("teacherWords").forEach(e -> words.add(e.getAsString()));
            List<String> names = new ArrayList<>();
            root.getAsJsonArray("entityNames").forEach(e -> names.add(e.getAsString()));
            return new StudentLexicon(words, new EntityLexicon(names));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
