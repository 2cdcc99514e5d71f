package org.kedrec.core.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;

/**
 * The entity names a rationale could mention (drugs, diseases, genes, … of a dataset), normalised by
 * {@link Mentions#normalizeName}. A mention is an exact, case-sensitive match of a name's words in a text's words;
 * names shorter than two characters are left out because they match ordinary words. Immutable.
 */
public final class EntityLexicon {
    private final Set<String> names;
    /** Every run of last words of a name ({@code c}, {@code b c}, {@code a b c} of {@code a b c}). */
    private final Set<String> endings;
    private final int maxWords;

    public EntityLexicon(Collection<String> rawNames) {
        Set<String> normalized = new HashSet<>();
        Set<String> suffixes = new HashSet<>();
        int longest = 1;
        for (String raw : rawNames) {
            if (raw == null) {
                continue;
            }
            String name = Mentions.normalizeName(raw);
            if (name.length() >= 2) {
                normalized.add(name);
                String[] words = name.split(" ");
                longest = Math.max(longest, words.length);
                for (int from = 0; from < words.length; from++) {
                    suffixes.add(String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)));
                }
            }
        }
        this.names = Set.copyOf(normalized);
        this.endings = Set.copyOf(suffixes);
        this.maxWords = longest;
    }

    /** Every name of the examples' diseases, candidates and evidence entities. */
    public static EntityLexicon of(Iterable<ExpRxRecExample> examples) {
        List<String> out = new ArrayList<>();
        for (ExpRxRecExample example : examples) {
            out.addAll(namesOf(example));
        }
        return new EntityLexicon(out);
    }

    /** The raw names an example itself knows: its disease, its candidates and its evidence's entities. */
    public static Set<String> namesOf(ExpRxRecExample example) {
        Set<String> out = new HashSet<>();
        if (example.disease() != null) {
            out.add(example.disease().name());
        }
        for (SlotEntity candidate : example.candidates()) {
            out.add(candidate.name());
        }
        for (EvidenceItem item : example.evidence()) {
            for (SlotEntity entity : item.entities()) {
                out.add(entity.name());
            }
        }
        out.remove(null);
        return out;
    }

    public boolean contains(String normalizedName) {
        return names.contains(normalizedName);
    }

    public Set<String> names() {
        return names;
    }

    public int maxWords() {
        return maxWords;
    }

    /** The names mentioned in {@code words}: every word n-gram that is a name, in order of its last word. */
    public List<String> mentions(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int end = 0; end < words.size(); end++) {
            out.addAll(mentionsEndingAt(words, end));
        }
        return out;
    }

    /** The names whose last word is {@code words.get(end)}. */
    public List<String> mentionsEndingAt(List<String> words, int end) {
        List<String> out = new ArrayList<>();
        StringBuilder gram = new StringBuilder();
        for (int n = 1; n <= maxWords && end - n + 1 >= 0; n++) {
            if (n == 1) {
                gram.append(words.get(end));
            } else {
                gram.insert(0, words.get(end - n + 1) + " ");
            }
            String candidate = gram.toString();
            if (!endings.contains(candidate)) {
                break; // no longer name ends this way: the common case stops after one word
            }
            if (names.contains(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }
}
