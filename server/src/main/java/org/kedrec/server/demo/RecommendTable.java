package org.kedrec.server.demo;

import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;

/**
 * The demo's printout of {@code kedrec.recommend}: one line per drug (rank, name, score, whether the graph already
 * says it treats the disease, the best explanation path as text) and the rationale under it, cut to the width.
 */
public final class RecommendTable {
    /** Characters of a rationale line, after its indent. */
    static final int RATIONALE_WIDTH = 110;
    /** Characters of the path column. */
    static final int PATH_WIDTH = 80;
    /** Characters of the drug column. */
    static final int DRUG_WIDTH = 24;

    private RecommendTable() {}

    /**
     * One recommended drug.
     *
     * @param known {@code no}, or how the graph knows the treatment: {@code yes (train)} when the model saw the
     *     TREATS edge, {@code yes (held out: test)} and the like when it was hidden from training
     */
    public record Row(long rank, String drug, String drugId, double score, String known, String path,
            String rationale) {}

    /**
     * A path as text, from its first node to its last: {@code hypertension <-ASSOCIATES- ACE <-BINDS- Ramipril}.
     *
     * @param names the nodes' names in path order
     * @param types the relationship types, one fewer than names
     * @param forward per relationship: does it point from the node before it to the node after it?
     */
    public static String pathText(List<String> names, List<String> types, List<Boolean> forward) {
        if (names.isEmpty()) {
            return "";
        }
        if (types.size() != names.size() - 1 || forward.size() != types.size()) {
            throw new IllegalArgumentException(Messages.format(
                    "A path of %d nodes has %d relationships, but %d types and %d directions were given.",
                    names.size(), names.size() - 1, types.size(), forward.size()));
        }
        StringBuilder text = new StringBuilder(names.get(0));
        for (int i = 0; i < types.size(); i++) {
            text.append(forward.get(i) ? " -" + types.get(i) + "-> " : " <-" + types.get(i) + "- ");
            text.append(names.get(i + 1));
        }
        return text.toString();
    }

    /** The table: a header, then per drug its line and an indented rationale line (when there is a rationale). */
    public static List<String> format(String disease, List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(Messages.format("Recommendations for %s (best explanation path from the disease to the drug):",
                disease));
        String header = Messages.format("%4s  %-" + DRUG_WIDTH + "s  %6s  %-18s  %s", "rank", "drug", "score",
                "known treatment", "top explanation path");
        lines.add(header);
        lines.add("-".repeat(Math.min(header.length() + PATH_WIDTH - "top explanation path".length(), 140)));
        if (rows.isEmpty()) {
            lines.add("  (no drugs: the model returned nothing for this disease)");
        }
        for (Row row : rows) {
            lines.add(Messages.format("%4d  %-" + DRUG_WIDTH + "s  %6.4f  %-18s  %s", row.rank(),
                    cut(row.drug(), DRUG_WIDTH), row.score(), row.known(),
                    row.path() == null || row.path().isEmpty() ? "(no path within 3 steps)" : cut(row.path(),
                            PATH_WIDTH)));
            if (row.rationale() != null && !row.rationale().isBlank()) {
                lines.add("      why: " + cut(row.rationale().replaceAll("\\s+", " ").strip(), RATIONALE_WIDTH));
            }
        }
        return lines;
    }

    /** The text, or its first {@code width - 3} characters and "..." when it is longer. */
    static String cut(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
