package org.kedrec.core.lm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.metrics.Faithfulness;
import org.kedrec.core.metrics.Mentions;
import org.kedrec.core.rationale.ClaimBank;

/**
 * Decides, token by token, whether an answer may go on as the decoder proposes, so that a rationale can only cite
 * slots its example has and name entities its evidence has. It checks the decoded text, so it works for any
 * byte-level tokenizer (the student's, where a slot is one token, or a GPT-2-style one, where it is several):
 * <ol>
 *   <li>the answer starts with a candidate slot (the selection), or with the forced one;</li>
 *   <li>every slot is one of the example's ({@code [D]}, its candidates, the evidence shown); no other brackets;</li>
 *   <li>every word (as {@link Mentions#words} cuts them) is a teacher word or a word of the shown evidence, and an
 *       unfinished word is the prefix of one: a word trie over the evidence's entity names and the teacher's
 *       vocabulary, so names are copied, never invented;</li>
 *   <li>no run of words is the name of a known entity ({@link EntityLexicon}) that the example lacks;</li>
 *   <li>every identifier (also one spanning words, like {@code PMID 123}) is one of the example's;</li>
 *   <li>{@code PMID} is always followed by a number (never used as a name).</li>
 * </ol>
 * The faithfulness metric counts exactly these mentions, so a constrained rationale scores 1.0 by construction.
 *
 * <p>Constrained generation also follows the claim grammar ({@link ClaimBank}): the answer after the selection is a
 * sequence of the sentences the evidence teacher could truthfully write about the example, so every claim the
 * rationale makes (which relation joins which entities, a trial's phase and outcome, a count) is in the evidence.
 * Where the grammar applies, it replaces rules 3 to 6, which it implies. Immutable and thread-safe.
 */
public final class AnswerConstraint {
    private final NavigableSet<String> teacherWords;
    private final NavigableSet<String> evidenceWords;
    private final EntityLexicon lexicon;
    private final Set<String> presentNames;
    private final NavigableSet<String> slots;
    private final List<String> firstSlots;
    private final boolean enforceWords;
    private final Set<String> ids;
    private final ClaimBank grammar;

    private AnswerConstraint(NavigableSet<String> teacherWords, NavigableSet<String> evidenceWords,
                             EntityLexicon lexicon, Set<String> presentNames, NavigableSet<String> slots,
                             List<String> firstSlots, boolean enforceWords, Set<String> ids, ClaimBank grammar) {
        this.ids = ids;
        this.grammar = grammar;
        this.teacherWords = teacherWords;
        this.evidenceWords = evidenceWords;
        this.lexicon = lexicon;
        this.presentNames = presentNames;
        this.slots = slots;
        this.firstSlots = firstSlots;
        this.enforceWords = enforceWords;
    }

    /**
     * The constraint for one example.
     *
     * @param shown the evidence items the model saw (their slots may be cited, their words copied)
     * @param forcedCandidate index of the candidate the answer must start with, or -1 to let the model choose
     * @param enforceWords false to check only the answer's opening and its slots (unconstrained generation); a
     *     bring-your-own model without {@code lexicon.json} is checked that way too
     */
    public static AnswerConstraint of(ExpRxRecExample example, List<EvidenceItem> shown, Set<String> shownWords,
                                      StudentLexicon studentLexicon, int forcedCandidate, boolean enforceWords) {
        return of(example, shown, shownWords, studentLexicon, forcedCandidate, enforceWords, false);
    }

    /**
     * The constraint for one example, following the claim grammar ({@link ClaimBank}) when {@code grammar} is true
     * (and {@code enforceWords}): what {@code StudentModel.generate} uses for constrained generation.
     */
    public static AnswerConstraint of(ExpRxRecExample example, List<EvidenceItem> shown, Set<String> shownWords,
                                      StudentLexicon studentLexicon, int forcedCandidate, boolean enforceWords,
                                      boolean grammar) {
        NavigableSet<String> slots = new TreeSet<>();
        slots.add(SlotEntity.DISEASE_SLOT);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < example.candidates().size(); i++) {
            slots.add(SlotEntity.candidateSlot(i));
            if (forcedCandidate < 0 || forcedCandidate == i) {
                first.add(SlotEntity.candidateSlot(i));
            }
        }
        shown.forEach(item -> slots.add(item.slot()));
        Set<String> present = new HashSet<>();
        for (String name : EntityLexicon.namesOf(example)) {
            present.add(Mentions.normalizeName(name));
        }
        EntityLexicon lexicon = studentLexicon.entities();
        for (EvidenceItem item : example.evidence()) {
            if (item.text() != null) {
                present.addAll(lexicon.mentions(Mentions.words(item.text())));
            }
        }
        // Without the teacher's vocabulary (a bring-your-own model shipped no lexicon.json) words cannot be checked.
        boolean words = enforceWords && !studentLexicon.teacherWords().isEmpty();
        // The claim grammar needs no lexicon: it applies to a bring-your-own model too.
        ClaimBank bank = enforceWords && grammar ? ClaimBank.of(example, shown) : null;
        return new AnswerConstraint(studentLexicon.teacherWords(), new TreeSet<>(shownWords), lexicon,
                Set.copyOf(present), slots, List.copyOf(first), words, Faithfulness.supportedIds(example), bank);
    }

    /** True when the answer follows the claim grammar: every valid prefix can be finished, so never back out. */
    public boolean followsGrammar() {
        return grammar != null;
    }

    /**
     * An answer cut by the token limit, shortened to its last complete grammar unit (unchanged without the grammar,
     * or when no complete unit was written).
     */
    public String completeAnswer(String text) {
        if (grammar == null) {
            return text;
        }
        String complete = grammar.complete(text);
        return complete == null ? text : complete;
    }

    /**
     * The text the claim grammar forces after {@code bytes} (empty without the grammar or where the model chooses):
     * the rest of a path, trial or contrast sentence once its first words have fixed which one it is.
     */
    public byte[] forced(byte[] bytes) {
        if (grammar == null || !opens(bytes)) {
            return new byte[0];
        }
        return grammar.forced(bytes);
    }

    /** The forced or chosen opening: the text starts with an allowed first slot, or is still spelling one. */
    private boolean opens(byte[] bytes) {
        String text = new String(bytes, 0, completeLength(bytes), StandardCharsets.UTF_8);
        for (String slot : firstSlots) {
            if (text.startsWith(slot) || slot.startsWith(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code bytes} (UTF-8 of the answer so far, maybe ending inside a character) is a valid prefix. */
    public boolean acceptsPrefix(byte[] bytes) {
        if (grammar != null) {
            return opens(bytes) && grammar.acceptsPrefix(bytes);
        }
        int complete = completeLength(bytes);
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        if (!valid(text, false)) {
            return false;
        }
        if (complete == bytes.length) {
            return true;
        }
        // The last character is half written: it must be able to continue an allowed word.
        if (firstSlots.stream().noneMatch(text::startsWith)) {
            return false;
        }
        if (!enforceWords) {
            return true;
        }
        byte[] pending = Arrays.copyOfRange(bytes, complete, bytes.length);
        int wordStart = text.length();
        while (wordStart > 0 && Mentions.isWordChar(text.codePointBefore(wordStart))) {
            wordStart -= Character.charCount(text.codePointBefore(wordStart));
        }
        String partial = text.substring(wordStart);
        return continues(teacherWords, partial, pending) || continues(evidenceWords, partial, pending);
    }

    private static boolean continues(NavigableSet<String> words, String partial, byte[] pending) {
        for (String word : words.tailSet(partial, true)) {
            if (!word.startsWith(partial)) {
                return false;
            }
            if (word.length() > partial.length()) {
                byte[] next = new String(Character.toChars(word.codePointAt(partial.length())))
                        .getBytes(StandardCharsets.UTF_8);
                if (next.length >= pending.length
                        && Arrays.equals(Arrays.copyOf(next, pending.length), pending)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the answer may end here. */
    public boolean acceptsEnd(byte[] bytes) {
        if (grammar != null) {
            return opens(bytes) && grammar.acceptsEnd(bytes);
        }
        return completeLength(bytes) == bytes.length
                && valid(new String(bytes, StandardCharsets.UTF_8), true);
    }

    /** Length of the longest prefix of {@code bytes} that ends on a character boundary. */
    static int completeLength(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xff;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }

    /**
     * 6. {@code PMID} is always the start of a publication id: followed by anything but (a space and) its number,
     * it would be a made-up name ({@code resembles PMID, which treats [D]}), a weak model's favourite filler.
     */
    private static final java.util.regex.Pattern BARE_PMID = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_:'+-])PMID(?![\\p{L}\\p{N}_:'+-])(?! ?$)(?! ?[0-9])");

    boolean valid(String text, boolean end) {
        // 1. The selection comes first.
        boolean startsWithChoice = false;
        for (String slot : firstSlots) {
            if (text.startsWith(slot)) {
                startsWithChoice = true;
                break;
            }
            if (!end && slot.startsWith(text)) {
                return true; // the first slot is still being spelled out
            }
        }
        if (!startsWithChoice) {
            return false;
        }
        if (enforceWords && (BARE_PMID.matcher(text).find() || end && text.stripTrailing().endsWith(" PMID"))) {
            return false;
        }
        List<String> words = new ArrayList<>();
        int i = 0;
        int wordStart = -1;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == '[') {
                if (wordStart >= 0 && !completeWord(words, text.substring(wordStart, i))) {
                    return false;
                }
                wordStart = -1;
                int close = text.indexOf(']', i);
                if (close < 0) {
                    // 2. An unfinished slot at the very end must be able to become an allowed one.
                    String partial = text.substring(i);
                    String next = slots.ceiling(partial);
                    return !end && next != null && next.startsWith(partial)
                            && partial.indexOf('[', 1) < 0;
                }
                String slot = text.substring(i, close + 1);
                if (!slots.contains(slot)) {
                    return false;
                }
                i = close + 1;
                continue;
            }
            if (cp == ']') {
                return false;
            }
            if (Mentions.isWordChar(cp)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else if (wordStart >= 0) {
                if (!completeWord(words, text.substring(wordStart, i))) {
                    return false;
                }
                wordStart = -1;
            }
            i += Character.charCount(cp);
        }
        if (wordStart >= 0) {
            String partial = text.substring(wordStart);
            if (end) {
                return completeWord(words, partial) && idsSupported(text);
            }
            if (!idsSupported(text.substring(0, wordStart))) {
                return false;
            }
            // A trailing colon may be punctuation after a word (checked once the word ends) or a CURIE going on.
            String stem = stripColons(partial);
            return !enforceWords || stem.isEmpty() || isPrefix(teacherWords, stem) || isPrefix(evidenceWords, stem);
        }
        return idsSupported(text);
    }

    /** The word without trailing colons: as {@link Mentions#words} cuts words, a trailing colon is punctuation. */
    private static String stripColons(String word) {
        int end = word.length();
        while (end > 0 && word.charAt(end - 1) == ':') {
            end--;
        }
        return word.substring(0, end);
    }

    /**
     * 5. Every identifier written so far ({@code PMID 123}, {@code NCT01234567}, a CURIE) is one the example has;
     * ids may span words ({@code PMID} + a number), so single-word rules alone do not cover them.
     */
    private boolean idsSupported(String finished) {
        if (!enforceWords) {
            return true;
        }
        for (String id : Mentions.ids(finished)) {
            if (!Faithfulness.isSupportedId(id, ids)) {
                return false;
            }
        }
        return true;
    }

    private boolean completeWord(List<String> words, String raw) {
        if (!enforceWords) {
            return true; // unconstrained: only the opening and the slots are checked
        }
        String word = stripColons(raw);
        if (word.isEmpty()) {
            return true;
        }
        // 3. Every finished word is the teacher's or the evidence's.
        if (!teacherWords.contains(word) && !evidenceWords.contains(word)) {
            return false;
        }
        words.add(word);
        // 4. No known entity the example lacks.
        for (String name : lexicon.mentionsEndingAt(words, words.size() - 1)) {
            if (!presentNames.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrefix(NavigableSet<String> set, String prefix) {
        String next = set.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** The bytes of {@code prefix} followed by {@code more}. */
    static byte[] concat(byte[] prefix, byte[] more) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + more.length);
        System.arraycopy(more, 0, out, prefix.length, more.length);
        return out;
    }
}
