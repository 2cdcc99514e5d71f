package org.kedrec.core.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;

/**
 * Faithfulness of a rationale to its example: the share of its mentions that the example supports. Mentions are
 * (1) every slot it cites ({@code [D]}, {@code [C2]}, {@code [E5]}), supported when the example has that slot;
 * (2) every identifier ({@link Mentions#ID}), supported when it is an id of the example's disease, candidates or
 * evidence or appears in an evidence line; (3) every entity name of the {@link EntityLexicon}, supported when it is
 * the name of the example's disease, a candidate or an evidence entity, or appears in an evidence line. A rationale
 * that mentions nothing is vacuously faithful (score 1.0); the counts say how often that happens.
 */
public final class Faithfulness {
    private Faithfulness() {}

    /** The outcome for one rationale. */
    public record Result(int mentions, int supported, List<String> unsupported) {
        public double score() {
            return mentions == 0 ? 1.0 : (double) supported / mentions;
        }
    }

    /** The identifiers an example supports: its own, its evidence's, and every id written in an evidence line. */
    public static Set<String> supportedIds(ExpRxRecExample example) {
        Set<String> ids = new HashSet<>();
        if (example.disease() != null) {
            ids.add(example.disease().id());
        }
        example.candidates().forEach(c -> ids.add(c.id()));
        for (EvidenceItem item : example.evidence()) {
            if (item.id() != null) {
                ids.add(item.id());
                int colon = item.id().indexOf(':');
                if (colon > 0) {
                    ids.add(item.id().substring(colon + 1));
                }
            }
            ids.addAll(item.nodes());
            item.entities().forEach(e -> ids.add(e.id()));
            if (item.text() != null) {
                ids.addAll(Mentions.ids(item.text()));
                ids.addAll(Mentions.words(item.text()));
            }
        }
        ids.remove(null);
        return ids;
    }

    /** Whether an id mention ({@link Mentions#ID}) is one of {@code supported}. */
    public static boolean isSupportedId(String id, Set<String> supported) {
        return supported.contains(id) || supported.contains(id.replace("PMID ", "PMID:"))
                || supported.contains(id.replace("PMID ", "PMID"));
    }

    public static Result check(String rationale, ExpRxRecExample example, EntityLexicon lexicon) {
        Set<String> slots = new HashSet<>();
        slots.add(SlotEntity.DISEASE_SLOT);
        for (SlotEntity candidate : example.candidates()) {
            slots.add(candidate.slot());
        }
        Set<String> ids = supportedIds(example);
        List<List<String>> evidenceLines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String name : EntityLexicon.namesOf(example)) {
            names.add(Mentions.normalizeName(name));
        }
        for (EvidenceItem item : example.evidence()) {
            slots.add(item.slot());
            if (item.text() != null) {
                evidenceLines.add(Mentions.words(item.text()));
            }
        }
        for (List<String> line : evidenceLines) {
            names.addAll(lexicon.mentions(line));
        }
        int mentions = 0;
        int supported = 0;
        List<String> unsupported = new ArrayList<>();
        for (String slot : Mentions.slots(rationale)) {
            mentions++;
            if (slots.contains(slot)) {
                supported++;
            } else {
                unsupported.add(slot);
            }
        }
        for (String id : Mentions.ids(rationale)) {
            mentions++;
            if (isSupportedId(id, ids)) {
                supported++;
            } else {
                unsupported.add(id);
            }
        }
        for (String name : lexicon.mentions(Mentions.words(rationale))) {
            mentions++;
            if (names.contains(name)) {
                supported++;
            } else {
                unsupported.add(name);
            }
        }
        return new Result(mentions, supported, List.copyOf(unsupported));
    }
}
