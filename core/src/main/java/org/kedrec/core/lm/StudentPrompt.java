package org.kedrec.core.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.metrics.Mentions;

/**
 * The student's own view of an example, rendered from its structured fields rather than its {@code input}:
 *
 * <pre>
 * &lt;bos&gt;[C1] [C2]
 * [E1] [C1] -BINDS-&gt; CACNA1C &lt;-ASSOCIATES- [D]
 * [E2] trial NCT00000000 (phase 3, completed): [C1] for [D]
 * &lt;sep&gt;[C1]. [C1] binds CACNA1C … [E1] …&lt;eos&gt;
 * </pre>
 *
 * The names of the disease and the candidates never appear: wherever they occur in evidence (a publication title
 * names the drug, say) they are replaced by their slot, so the student must judge a candidate by what its evidence
 * says and not by recalling the name (a student that saw names scored 1.00 on seen and 0.00 on unseen names).
 * Names and ids come back after decoding through {@link #restore}. Evidence lines are cut to a token budget per
 * line, and when the whole prompt is too long, items are kept round-robin over candidates so each keeps its first
 * (best-ranked) items.
 */
public final class StudentPrompt {
    private StudentPrompt() {}

    /** A rendered prompt with what constrained decoding needs to know about it. */
    public record Rendered(
            int[] ids,
            List<EvidenceItem> shownEvidence,
            Set<Integer> slotIds,
            Set<String> evidenceWords,
            int candidates) {}

    /** Checks what the student can represent: 1–8 candidates, each with a slot, and evidence slots up to [E64]. */
    public static void validate(ExpRxRecExample example) {
        int n = example.candidates().size();
        if (n < 1 || n > SpecialTokens.MAX_CANDIDATES) {
            throw new IllegalArgumentException(Messages.format(
                    "An example needs between 1 and %d candidates but %s has %d.", SpecialTokens.MAX_CANDIDATES,
                    example.id(), n));
        }
        for (int i = 0; i < n; i++) {
            String slot = example.candidates().get(i).slot();
            if (!SlotEntity.candidateSlot(i).equals(slot)) {
                throw new IllegalArgumentException(Messages.format(
                        "Candidate %d of %s has slot %s; candidates must be numbered [C1], [C2], … in order.",
                        i + 1, example.id(), slot));
            }
        }
    }

    /** The example's text with disease and candidate names replaced by their slots (longest names first). */
    public static String maskNames(String text, ExpRxRecExample example) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        List<SlotEntity> named = new ArrayList<>();
        if (example.disease() != null) {
            named.add(example.disease());
        }
        named.addAll(example.candidates());
        named.sort(Comparator.comparingInt((SlotEntity e) -> e.name() == null ? 0 : e.name().length()).reversed());
        String out = text;
        for (SlotEntity entity : named) {
            if (entity.name() == null || entity.name().isBlank() || entity.slot() == null) {
                continue;
            }
            Pattern name = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(entity.name())
                    + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            out = name.matcher(out).replaceAll(Matcher.quoteReplacement(entity.slot()));
        }
        return out;
    }

    /** The text the tokenizer is trained on for one example: its masked evidence lines and answer. */
    public static String tokenizerText(ExpRxRecExample example) {
        StringBuilder out = new StringBuilder();
        for (EvidenceItem item : example.evidence()) {
            out.append(item.slot()).append(' ').append(maskNames(item.text(), example).strip()).append('\n');
        }
        if (example.output() != null) {
            out.append(answerText(example));
        }
        return out.toString();
    }

    /** The teacher's answer as the student learns it: names masked to slots. */
    public static String answerText(ExpRxRecExample example) {
        return maskNames(example.output(), example).strip();
    }

    /** Token ids of an answer followed by {@code <eos>}. */
    public static int[] encodeAnswer(BpeTokenizer tokenizer, String answer) {
        int[] ids = tokenizer.encode(answer);
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = SpecialTokens.EOS_ID;
        return out;
    }

    /**
     * Renders the prompt ({@code <bos>} … {@code <sep>}) within {@code maxTokens}, each evidence line within
     * {@code maxLineTokens}.
     */
    public static Rendered render(ExpRxRecExample example, BpeTokenizer tokenizer, int maxTokens, int maxLineTokens) {
        return render(example, tokenizer, maxTokens, maxLineTokens, CandidateScorer.NONE);
    }

    /**
     * As {@link #render(ExpRxRecExample, BpeTokenizer, int, int)}, with the tool's line ({@link CandidateScorer#line})
     * right after the candidates, where the evidence budget can never cut it.
     */
    public static Rendered render(ExpRxRecExample example, BpeTokenizer tokenizer, int maxTokens, int maxLineTokens,
                                  CandidateScorer tools) {
        validate(example);
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < example.candidates().size(); i++) {
            head.append(i == 0 ? "" : " ").append(SlotEntity.candidateSlot(i));
        }
        head.append('\n');
        String tool = tools == null ? null : tools.line(example);
        if (tool != null) {
            head.append(tool).append('\n');
        }
        int[] headIds = tokenizer.encode(head.toString());
        List<EvidenceItem> usable = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        for (EvidenceItem item : example.evidence()) {
            int slotId = SpecialTokens.slotId(item.slot());
            if (slotId < SpecialTokens.FIRST_EVIDENCE_ID) {
                continue; // beyond [E64] or not an evidence slot: the student cannot cite it
            }
            int[] line = tokenizer.encode(item.slot() + " " + maskNames(item.text(), example).strip());
            if (line.length > maxLineTokens - 1) {
                line = Arrays.copyOf(line, Math.max(1, maxLineTokens - 1));
            }
            int[] withNewline = Arrays.copyOf(line, line.length + 1);
            withNewline[line.length] = tokenizer.encode("\n")[0];
            usable.add(item);
            lines.add(withNewline);
        }
        int budget = maxTokens - 2 - headIds.length; // <bos> and <sep>
        boolean[] keep = chooseLines(usable, lines, budget);
        int total = 2 + headIds.length;
        List<EvidenceItem> shown = new ArrayList<>();
        Set<String> evidenceWords = new HashSet<>();
        Set<Integer> slotIds = new HashSet<>();
        slotIds.add(SpecialTokens.DISEASE_ID);
        for (int i = 0; i < example.candidates().size(); i++) {
            slotIds.add(SpecialTokens.candidateId(i));
        }
        for (int i = 0; i < usable.size(); i++) {
            if (keep[i]) {
                total += lines.get(i).length;
                shown.add(usable.get(i));
                slotIds.add(SpecialTokens.slotId(usable.get(i).slot()));
                evidenceWords.addAll(Mentions.words(tokenizer.decode(lines.get(i))));
            }
        }
        if (shown.isEmpty()) {
            total += tokenizer.encode("none\n").length;
        }
        int[] ids = new int[total];
        int at = 0;
        ids[at++] = SpecialTokens.BOS_ID;
        System.arraycopy(headIds, 0, ids, at, headIds.length);
        at += headIds.length;
        if (shown.isEmpty()) {
            int[] none = tokenizer.encode("none\n");
            System.arraycopy(none, 0, ids, at, none.length);
            at += none.length;
        }
        for (int i = 0; i < usable.size(); i++) {
            if (keep[i]) {
                System.arraycopy(lines.get(i), 0, ids, at, lines.get(i).length);
                at += lines.get(i).length;
            }
        }
        ids[at] = SpecialTokens.SEP_ID;
        return new Rendered(ids, List.copyOf(shown), Set.copyOf(slotIds), Set.copyOf(evidenceWords),
                example.candidates().size());
    }

    /** Keeps every line if they fit; otherwise takes lines round-robin over candidates while the budget lasts. */
    private static boolean[] chooseLines(List<EvidenceItem> items, List<int[]> lines, int budget) {
        boolean[] keep = new boolean[items.size()];
        int all = lines.stream().mapToInt(l -> l.length).sum();
        if (all <= budget) {
            Arrays.fill(keep, true);
            return keep;
        }
        Map<String, List<Integer>> byCandidate = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String candidate = items.get(i).candidate() == null ? "" : items.get(i).candidate();
            byCandidate.computeIfAbsent(candidate, k -> new ArrayList<>()).add(i);
        }
        int used = 0;
        boolean progress = true;
        for (int round = 0; progress; round++) {
            progress = false;
            for (List<Integer> queue : byCandidate.values()) {
                if (round < queue.size()) {
                    int i = queue.get(round);
                    if (used + lines.get(i).length <= budget) {
                        keep[i] = true;
                        used += lines.get(i).length;
                    }
                    progress = true;
                }
            }
        }
        return keep;
    }

    /**
     * Fills names and ids back into a text written with slots: {@code [D]} and {@code [Ck]} become names, an
     * evidence slot of a trial or publication becomes its id in brackets ({@code [NCT:NCT01234567]}), an evidence
     * slot of a graph path stays as written (it points into the returned evidence list).
     */
    public static String restore(String text, ExpRxRecExample example) {
        Map<String, String> bySlot = new LinkedHashMap<>();
        if (example.disease() != null && example.disease().name() != null) {
            bySlot.put(SlotEntity.DISEASE_SLOT, example.disease().name());
        }
        for (SlotEntity candidate : example.candidates()) {
            if (candidate.name() != null) {
                bySlot.put(candidate.slot(), candidate.name());
            }
        }
        for (EvidenceItem item : example.evidence()) {
            if (item.id() != null && !item.id().isBlank()) {
                bySlot.put(item.slot(), "[" + item.id() + "]");
            }
        }
        Matcher m = Mentions.SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(bySlot.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
