package org.kedrec.core.rationale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;

/**
 * The teacher's claim grammar instantiated with one example's evidence: every sentence the evidence teacher could
 * truthfully write about it, as units a rationale is made of. A student decoding under it ({@code
 * org.kedrec.core.lm.AnswerConstraint}) chooses which units to write, in which order (the path sentence first,
 * where the selected drug has one, as the teacher writes it), and nothing else: relation
 * words between two entities come from the path's own template, names are copied from the evidence, trials are
 * described by their own record, so it cannot join a drug to a gene with "resembles" or make a trial a class.
 *
 * <p>Units, for the selected candidate {@code S}: path sentences ({@code S c1.} and {@code S c1; it also c2.}, c1 and c2 the two strongest
 * paths by the teacher's order (mechanism first, then score, one per metapath), each clause a path item's
 * {@link ClaimGrammar} words and its slot; one such sentence), its
 * trial and its
 * publication sentences as the teacher writes them (subject {@code S}, or {@code It} right after a unit about
 * {@code S}), the no-evidence sentence when it has none; for every other candidate the teacher's contrast
 * sentence. Each unit appears at most once and a path item is explained at most once. Immutable and thread-safe.
 */
public final class ClaimBank {
    /**
     * One unit: its UTF-8 text, the candidate it is about, whether it opens with "It", the path slots it explains,
     * and its key (the "It" and the named form of one sentence share it, so only one of them is written).
     */
    record Unit(byte[] text, String subject, boolean it, Set<String> paths, String key) {}

    private final Map<String, List<Unit>> bySelection;
    private final Map<String, byte[]> openings;
    /** The selections that have a path sentence, which must then open the rationale ({@link #mayFollow}). */
    private final Set<String> pathsFirst;

    private ClaimBank(Map<String, List<Unit>> bySelection) {
        this.bySelection = bySelection;
        this.openings = new LinkedHashMap<>();
        bySelection.keySet().forEach(slot -> openings.put(slot, (slot + ".").getBytes(StandardCharsets.UTF_8)));
        Set<String> withPaths = new HashSet<>();
        bySelection.forEach((slot, units) -> {
            if (units.stream().anyMatch(u -> u.key().equals(PATHS))) {
                withPaths.add(slot);
            }
        });
        this.pathsFirst = Set.copyOf(withPaths);
    }

    /** The grammar for {@code example} as shown to the model ({@code shown}: the evidence items in its prompt). */
    public static ClaimBank of(ExpRxRecExample example, List<EvidenceItem> shown) {
        ExpRxRecExample seen = new ExpRxRecExample(example.id(), example.instruction(), example.input(), null,
                example.disease(), example.candidates(), example.label(), example.answer(), shown, example.split(),
                example.variant(), example.negativeMethod(), null);
        String disease = SlotEntity.DISEASE_SLOT;
        Set<String> shownSlots = new HashSet<>();
        shown.forEach(item -> shownSlots.add(item.slot()));
        Map<String, List<Unit>> bySelection = new LinkedHashMap<>();
        for (SlotEntity selected : seen.candidates()) {
            String s = selected.slot();
            List<Unit> units = new ArrayList<>();
            List<EvidenceItem> own = seen.evidenceFor(s);
            // An absence is a claim about the graph: decided on all of the example's evidence, not on what a
            // long prompt had room to show (a cut publication is still a publication).
            if (example.evidenceFor(s).isEmpty()) {
                units.add(unit(EvidenceTeacher.noEvidence(example, s), s, false, Set.of()));
            }
            List<EvidenceItem> paths = ofKind(own, EvidenceKind.PATH);
            List<String> clauses = new ArrayList<>();
            List<String> slots = new ArrayList<>();
            List<String> metapaths = new ArrayList<>();
            // The paths in the teacher's stated order (mechanism first, then by score, one per metapath): a free
            // choice among them let the student cite a weaker path before a stronger one, true but not the
            // teacher's argument, and that cost a third of the claims it should have reproduced.
            for (EvidenceItem path : EvidenceTeacher.mechanismFirst(paths)) {
                if (path.nodes().size() < 2) {
                    continue; // an item without its nodes (hand-made, or from another tool) cannot be verbalised
                }
                if (metapaths.contains(path.metapath())) {
                    continue;
                }
                String clause = EvidenceTeacher.verbalise(path, seen);
                if (!clauses.contains(clause)) {
                    clauses.add(clause);
                    slots.add(path.slot());
                    metapaths.add(path.metapath());
                }
                if (clauses.size() == EvidenceTeacher.PATH_REASONS) {
                    break;
                }
            }
            // One path sentence per rationale, as the teacher writes it: the strongest path, or the two strongest
            // in that order.
            if (!clauses.isEmpty()) {
                units.add(unit(s + " " + clauses.get(0) + " " + slots.get(0) + ".", s, false, Set.of(slots.get(0)),
                        PATHS));
            }
            if (clauses.size() > 1) {
                units.add(unit(s + " " + clauses.get(0) + " " + slots.get(0) + "; it also " + clauses.get(1) + " "
                        + slots.get(1) + ".", s, false, Set.of(slots.get(0), slots.get(1)), PATHS));
            }
            List<EvidenceItem> trials = ofKind(own, EvidenceKind.TRIAL);
            if (!trials.isEmpty()) {
                units.add(unit(EvidenceTeacher.trialSentences(s, disease, trials), s, false, Set.of(), "trials"));
                units.add(unit(EvidenceTeacher.trialSentences("It", disease, trials), s, true, Set.of(), "trials"));
            }
            List<EvidenceItem> publications = ofKind(own, EvidenceKind.PUBLICATION);
            if (!publications.isEmpty()) {
                String words = EvidenceTeacher.publicationWords(disease, publications);
                units.add(unit(s + words, s, false, Set.of(), "publications"));
                units.add(unit("It" + words, s, true, Set.of(), "publications"));
            }
            for (SlotEntity other : seen.candidates()) {
                if (!other.slot().equals(s)) {
                    // The teacher's sentence over all of the evidence, so what it says is missing is missing; it
                    // is offered only when the item it cites was shown (the student copies slots from the prompt).
                    String contrast = EvidenceTeacher.contrast(example, s, other.slot());
                    if (shownSlots.containsAll(PromptFormat.evidenceSlotsIn(contrast))) {
                        units.add(unit(contrast, other.slot(), false, Set.of()));
                    }
                }
            }
            bySelection.put(s, List.copyOf(units));
        }
        return new ClaimBank(bySelection);
    }

    /** Whether {@code bytes} (the answer so far) can still become a sequence of this grammar's units. */
    public boolean acceptsPrefix(byte[] bytes) {
        return accepts(bytes, false);
    }

    /**
     * The longest prefix of {@code text} that is a complete answer (the selection and whole units), or null: for an
     * answer cut by the token limit, so no half sentence is returned.
     */
    public String complete(String text) {
        if (acceptsEnd(text.getBytes(StandardCharsets.UTF_8))) {
            return text;
        }
        for (int dot = text.lastIndexOf('.'); dot > 0; dot = text.lastIndexOf('.', dot - 1)) {
            String prefix = text.substring(0, dot + 1);
            if (acceptsEnd(prefix.getBytes(StandardCharsets.UTF_8))) {
                return prefix;
            }
        }
        return null;
    }

    /** Whether the answer may end after {@code bytes}: the selection and at least one complete unit. */
    public boolean acceptsEnd(byte[] bytes) {
        return accepts(bytes, true);
    }

    private boolean accepts(byte[] bytes, boolean end) {
        for (Map.Entry<String, byte[]> opening : openings.entrySet()) {
            byte[] open = opening.getValue();
            if (bytes.length < open.length) {
                if (!end && same(bytes, 0, open, 0, bytes.length)) {
                    return true;
                }
                continue;
            }
            if (same(bytes, 0, open, 0, open.length)) {
                List<Unit> units = bySelection.get(opening.getKey());
                return walk(bytes, open.length, opening.getKey(), units, new HashSet<>(), new HashSet<>(), 0, end,
                        pathsFirst.contains(opening.getKey()));
            }
        }
        return false;
    }

    /** The key every path sentence of a selection shares: only one of them is written. */
    private static final String PATHS = "paths";

    /**
     * Whether {@code unit} may come next: not stated yet, an "it" sentence only right after its subject's, no path
     * already explained, and, as the first unit of a selection that has a path sentence, that sentence. The teacher
     * always opens with the selected drug's paths, mechanism first; a student free to open with anything opened
     * up to 29 % of the demo's served {@code recommend} rationales with the drug's trials and named its target after
     * them, or not at all (five seeds, 2026-12-08), though the reason the product leads with is the mechanism.
     */
    private static boolean mayFollow(Unit unit, String previous, Set<String> used, Set<String> explained,
            boolean firstOfPathSelection) {
        return !used.contains(unit.key()) && (!unit.it() || unit.subject().equals(previous))
                && unit.paths().stream().noneMatch(explained::contains)
                && (!firstOfPathSelection || unit.key().equals(PATHS));
    }


    /** From {@code at} (after a finished unit), the rest is " unit unit … [partial unit]". */
    private static boolean walk(byte[] bytes, int at, String previous, List<Unit> units, Set<String> used,
            Set<String> explained, int count, boolean end, boolean pathsFirst) {
        if (at == bytes.length) {
            return !end || count > 0;
        }
        if (bytes[at] != ' ') {
            return false;
        }
        int from = at + 1;
        for (Unit unit : units) {
            if (!mayFollow(unit, previous, used, explained, pathsFirst && count == 0)) {
                continue;
            }
            int rest = bytes.length - from;
            if (rest < unit.text().length) {
                if (!end && same(bytes, from, unit.text(), 0, rest)) {
                    return true;
                }
                continue;
            }
            if (same(bytes, from, unit.text(), 0, unit.text().length)) {
                Set<String> nowUsed = new HashSet<>(used);
                nowUsed.add(unit.key());
                Set<String> now = new HashSet<>(explained);
                now.addAll(unit.paths());
                boolean ok = walk(bytes, from + unit.text().length, unit.subject(), units, nowUsed, now, count + 1,
                        end, pathsFirst);
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The bytes every acceptable continuation of {@code bytes} starts with: inside a unit whose choice is made, the
     * rest of it up to where the units still possible part ways; empty where the model has a choice (the selection,
     * the next unit, the end) or {@code bytes} is not a valid prefix. A decoder may append these without asking the
     * model, since the grammar leaves it nothing to choose there.
     */
    public byte[] forced(byte[] bytes) {
        for (Map.Entry<String, byte[]> opening : openings.entrySet()) {
            byte[] open = opening.getValue();
            if (bytes.length < open.length || !same(bytes, 0, open, 0, open.length)) {
                continue;
            }
            List<byte[]> rests = new ArrayList<>();
            List<Unit> units = bySelection.get(opening.getKey());
            if (!collect(bytes, open.length, opening.getKey(), units, new HashSet<>(), new HashSet<>(), rests,
                    pathsFirst.contains(opening.getKey())) || rests.isEmpty()) {
                return new byte[0];
            }
            byte[] common = rests.get(0);
            int length = common.length;
            for (byte[] rest : rests) {
                int k = 0;
                while (k < length && k < rest.length && rest[k] == common[k]) {
                    k++;
                }
                length = k;
            }
            return Arrays.copyOf(common, length);
        }
        return new byte[0];
    }

    /**
     * Adds to {@code rests} what remains of each unit {@code bytes} may be inside of; false where the model has a
     * free choice (after a whole unit: another unit or the end), which leaves nothing forced.
     */
    private static boolean collect(byte[] bytes, int at, String previous, List<Unit> units, Set<String> used,
            Set<String> explained, List<byte[]> rests, boolean first) {
        if (at == bytes.length) {
            if (!first) {
                return false; // after a whole unit: another unit or the end, the model's choice
            }
            // right after the selection of a drug with a path: its path sentence, whichever form
            for (Unit unit : units) {
                if (mayFollow(unit, previous, used, explained, true)) {
                    byte[] spaced = new byte[unit.text().length + 1];
                    spaced[0] = ' ';
                    System.arraycopy(unit.text(), 0, spaced, 1, unit.text().length);
                    rests.add(spaced);
                }
            }
            return true;
        }
        if (bytes[at] != ' ') {
            return true;
        }
        int from = at + 1;
        for (Unit unit : units) {
            if (!mayFollow(unit, previous, used, explained, first)) {
                continue;
            }
            int rest = bytes.length - from;
            if (rest < unit.text().length) {
                if (same(bytes, from, unit.text(), 0, rest)) {
                    if (rest == 0 && !first) {
                        return false; // right after the space: which unit comes next is the model's choice
                    }
                    rests.add(Arrays.copyOfRange(unit.text(), rest, unit.text().length));
                }
                continue;
            }
            if (same(bytes, from, unit.text(), 0, unit.text().length)) {
                Set<String> nowUsed = new HashSet<>(used);
                nowUsed.add(unit.key());
                Set<String> now = new HashSet<>(explained);
                now.addAll(unit.paths());
                if (!collect(bytes, from + unit.text().length, unit.subject(), units, nowUsed, now, rests, false)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean same(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        return Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length);
    }

    private static Unit unit(String text, String subject, boolean it, Set<String> paths) {
        return unit(text, subject, it, paths, text);
    }

    private static Unit unit(String text, String subject, boolean it, Set<String> paths, String key) {
        return new Unit(text.getBytes(StandardCharsets.UTF_8), subject, it, paths, key);
    }

    private static List<EvidenceItem> ofKind(List<EvidenceItem> items, EvidenceKind kind) {
        return items.stream().filter(item -> item.kind() == kind).toList();
    }
}
