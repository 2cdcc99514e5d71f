package org.kedrec.core.evidence;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A clinical trial that tests a drug and studies a disease, as read from
 * {@code (:Trial)-[:TESTS]->(:Drug)} and {@code (:Trial)-[:STUDIES]->(:Disease)}.
 *
 * @param id the {@code NCT:NCT…} CURIE
 * @param phase as stored, e.g. {@code phase 3}, {@code PHASE2/PHASE3}, or null
 * @param status as stored, e.g. {@code completed}, or null
 * @param outcome as stored, e.g. {@code success}, {@code failure}, or null
 */
public record TrialRecord(String id, String title, String phase, String status, String outcome, String whyStopped) {
    private static final Pattern DIGIT = Pattern.compile("([1-4])");

    /**
     * Strongest support first, in this stated order: trials that support the drug (not stopped, not failed) before
     * those that do not; then the highest phase (a combined {@code phase 2/phase 3} counts as 3); then completed
     * before active before unknown before stopped; then successful before unknown before failed outcomes; then the
     * most recent registration (the higher NCT number, which ClinicalTrials.gov assigns in order). A terminated,
     * failed phase 3 trial therefore never ranks above a completed phase 1 trial: it is the weakest kind of
     * support, whatever its phase.
     */
    public static final Comparator<TrialRecord> STRONGEST_FIRST = Comparator
            .comparing(TrialRecord::supports).reversed()
            .thenComparing(Comparator.comparingInt(TrialRecord::phaseNumber).reversed())
            .thenComparingInt(TrialRecord::statusRank)
            .thenComparingInt(TrialRecord::outcomeRank)
            .thenComparing(Comparator.comparing(TrialRecord::id).reversed());

    /** True unless the trial was stopped (terminated, withdrawn, suspended) or its outcome failed. */
    public boolean supports() {
        return statusRank() != 3 && outcomeRank() != 2;
    }

    /** True when the trial was terminated, withdrawn or suspended. */
    public boolean stopped() {
        return statusRank() == 3;
    }

    /** The highest phase number written in {@code phase} (1–4), or 0 when unknown or not applicable. */
    public int phaseNumber() {
        if (phase == null) {
            return 0;
        }
        int best = 0;
        Matcher matcher = DIGIT.matcher(phase);
        while (matcher.find()) {
            best = Math.max(best, Integer.parseInt(matcher.group(1)));
        }
        return best;
    }

    /** 0 completed, 1 active or recruiting, 2 unknown, 3 stopped (terminated, withdrawn, suspended). */
    int statusRank() {
        String s = lower(status);
        if (s.isEmpty()) {
            return 2;
        }
        if (s.contains("completed")) {
            return 0;
        }
        if (s.contains("terminated") || s.contains("withdrawn") || s.contains("suspended")) {
            return 3;
        }
        return 1;
    }

    /** 0 success, 1 unknown, 2 failure. */
    int outcomeRank() {
        String o = lower(outcome);
        if (o.contains("success") || o.equals("1") || o.equals("positive")) {
            return 0;
        }
        if (o.contains("fail") || o.equals("0") || o.equals("negative")) {
            return 2;
        }
        return 1;
    }

    /** True for a successful outcome label. */
    public boolean succeeded() {
        return outcomeRank() == 0;
    }

    /** True for a failed outcome label. */
    public boolean failed() {
        return outcomeRank() == 2;
    }

    /** The bare NCT number, e.g. {@code NCT01234567}. */
    public String nctNumber() {
        return id.startsWith("NCT:") ? id.substring(4) : id;
    }

    /** Phase, status and outcome as one short lower-case phrase: {@code phase 3, completed, succeeded}. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        int number = phaseNumber();
        if (number > 0) {
            String p = lower(phase);
            out.append(p.contains("early") ? "early phase " : "phase ").append(p.contains("/") || p.contains("|")
                    ? p.replaceAll("[^0-9/|]", "").replace('|', '/')
                    : Integer.toString(number));
        }
        String s = lower(status).replace('_', ' ');
        if (!s.isEmpty()) {
            out.append(out.length() > 0 ? ", " : "").append(s);
        }
        if (succeeded()) {
            out.append(out.length() > 0 ? ", " : "").append("succeeded");
        } else if (failed()) {
            out.append(out.length() > 0 ? ", " : "").append("failed");
        }
        return out.toString();
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ENGLISH);
    }
}
