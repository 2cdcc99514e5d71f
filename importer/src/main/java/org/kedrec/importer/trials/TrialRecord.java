package org.kedrec.importer.trials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One clinical trial as the sources describe it, merged on the NCT id: text and status properties (a later source
 * overrides an earlier one), condition and intervention names, the sources that mention it, and its links to graph
 * nodes (each with the sources that assert it).
 */
public final class TrialRecord {
    /** The properties a trial node may get (besides {@code id} and the {@code sources} list). */
    static final List<String> PROPERTIES = List.of("name", "title", "officialTitle", "summary", "phase", "status",
            "outcome", "whyStopped", "conditions", "interventions");

    final String nct;
    String title;
    String officialTitle;
    String summary;
    String phase;
    String status;
    String outcome;
    String whyStopped;
    final Set<String> conditions = new LinkedHashSet<>();
    final Set<String> interventions = new LinkedHashSet<>();
    final Set<String> sources = new LinkedHashSet<>();
    /** Drug id to the sources that link the trial to it. */
    final Map<String, Set<String>> tests = new LinkedHashMap<>();
    /** Disease id to the sources that link the trial to it. */
    final Map<String, Set<String>> studies = new LinkedHashMap<>();

    TrialRecord(String nct) {
        this.nct = nct;
    }

    /** The trial's CURIE, {@code NCT:NCT01234567}. */
    String curie() {
        return "NCT:" + nct;
    }

    void test(String drugId, String source) {
        tests.computeIfAbsent(drugId, k -> new LinkedHashSet<>()).add(source);
    }

    void study(String diseaseId, String source) {
        studies.computeIfAbsent(diseaseId, k -> new LinkedHashSet<>()).add(source);
    }

    /** Takes over what {@code later} knows: its non-null properties win, lists and links are united. */
    void merge(TrialRecord later) {
        title = later.title != null ? later.title : title;
        officialTitle = later.officialTitle != null ? later.officialTitle : officialTitle;
        summary = later.summary != null ? later.summary : summary;
        phase = later.phase != null ? later.phase : phase;
        status = later.status != null ? later.status : status;
        outcome = later.outcome != null ? later.outcome : outcome;
        whyStopped = later.whyStopped != null ? later.whyStopped : whyStopped;
        conditions.addAll(later.conditions);
        interventions.addAll(later.interventions);
        sources.addAll(later.sources);
        later.tests.forEach((k, v) -> tests.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
        later.studies.forEach((k, v) -> studies.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
    }

    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", title);
        p.put("title", title);
        p.put("officialTitle", officialTitle);
        p.put("summary", summary);
        p.put("phase", phase);
        p.put("status", status);
        p.put("outcome", outcome);
        p.put("whyStopped", whyStopped);
        p.put("conditions", conditions.isEmpty() ? null : new ArrayList<>(conditions));
        p.put("interventions", interventions.isEmpty() ? null : new ArrayList<>(interventions));
        return p;
    }

    /**
     * One spelling for trial phases across sources: HINT's {@code phase 1/phase 2}, API v2's
     * {@code [PHASE1, PHASE2]} and XML's {@code Phase 1/Phase 2} all become {@code phase 1/phase 2};
     * {@code N/A}/{@code NA} become {@code n/a}, {@code EARLY_PHASE1} {@code early phase 1}.
     */
    static String normalizePhase(List<String> phases) {
        List<String> parts = new ArrayList<>();
        for (String raw : phases) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String whole = raw.strip().toLowerCase(Locale.ENGLISH);
            String[] pieces = whole.equals("n/a") || whole.equals("na") ? new String[] {"n/a"} : whole.split("/");
            for (String piece : pieces) {
                String p = piece.strip().replace('_', ' ').replaceAll("phase\\s*(\\d)", "phase $1");
                if (!p.isEmpty() && !parts.contains(p)) {
                    parts.add(p);
                }
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    /** {@code ACTIVE_NOT_RECRUITING}, {@code Active, not recruiting} and HINT's lower case all read the same. */
    static String normalizeStatus(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip().toLowerCase(Locale.ENGLISH).replace('_', ' ').replace(",", "").replaceAll("\\s+", " ");
    }

    /** Collapses the white space of text blocks (XML summaries are indented and wrapped). */
    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }
}
