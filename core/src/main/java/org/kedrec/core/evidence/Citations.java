package org.kedrec.core.evidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;

/**
 * Reads an answer's selection and citations and checks them against the example it answers: every slot it cites
 * ({@code [D]}, {@code [C2]}, {@code [E3]}) and every trial or publication id it names ({@code NCT01234567},
 * {@code PMID 12345678}) must be present in the example. Used to validate teacher answers, to test the evidence
 * teacher, and to measure a student's faithfulness.
 */
public final class Citations {
    static final Pattern SLOT = Pattern.compile("\\[(D|C\\d+|E\\d+)]");
    static final Pattern CANDIDATE = Pattern.compile("\\[C\\d+]");
    static final Pattern NCT = Pattern.compile("(?<![A-Za-z0-9])NCT\\d{8}(?![0-9])");
    static final Pattern PMID = Pattern.compile("PMID[: ]?\\s?(\\d{1,9})(?![0-9])");

    private Citations() {}

    /** The candidate slot an answer selects: the first {@code [Ck]} on its first line, if any. */
    public static Optional<String> selection(String output) {
        if (output == null) {
            return Optional.empty();
        }
        String firstLine = output.strip().lines().findFirst().orElse("");
        Matcher matcher = CANDIDATE.matcher(firstLine);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /** Every slot and trial/publication id the text cites, in order of first appearance. */
    public static List<String> cited(String output) {
        Set<String> out = new LinkedHashSet<>();
        if (output == null) {
            return List.of();
        }
        Matcher slot = SLOT.matcher(output);
        while (slot.find()) {
            out.add(slot.group());
        }
        Matcher nct = NCT.matcher(output);
        while (nct.find()) {
            out.add("NCT:" + nct.group());
        }
        Matcher pmid = PMID.matcher(output);
        while (pmid.find()) {
            out.add("PMID:" + pmid.group(1));
        }
        return List.copyOf(out);
    }

    /** The citations of {@code output} that the example does not contain; empty when the answer is grounded. */
    public static List<String> unknown(ExpRxRecExample example, String output) {
        Set<String> known = new HashSet<>();
        known.add(SlotEntity.DISEASE_SLOT);
        example.candidates().forEach(c -> known.add(c.slot()));
        for (EvidenceItem item : example.evidence()) {
            known.add(item.slot());
            if (item.id() != null) {
                known.add(item.id());
            }
        }
        List<String> out = new ArrayList<>();
        for (String citation : cited(output)) {
            if (!known.contains(citation)) {
                out.add(citation);
            }
        }
        return out;
    }
}
