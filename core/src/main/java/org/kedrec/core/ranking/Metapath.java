package org.kedrec.core.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;

/**
 * A metapath from a drug to a disease, written like a Cypher pattern over labels:
 * {@code Drug -BINDS-> Gene <-ASSOCIATES- Disease} (Project Rephetio's CbGaD). {@code -TYPE->} follows a relationship
 * in its direction, {@code <-TYPE-} against it, {@code -TYPE-} either way (for symmetric types such as
 * {@code RESEMBLES} or {@code INTERACTS}, which a graph stores once). The plugin can run the same text as a Cypher
 * pattern to show the paths behind a score.
 */
public record Metapath(String abbreviation, String pattern, List<Step> steps) {
    private static final Pattern TOKEN = Pattern.compile("\\s*(<-|-)([A-Z_]+)(->|-)\\s*");

    /** One hop: from a label over a relation (the ranker's relation key) to a label. */
    public record Step(String from, String type, String to, Direction direction) {
        /** The relation key of the graph's stored direction. */
        public String relationKey() {
            return direction == Direction.BACKWARD ? RelationKeys.of(to, type, from) : RelationKeys.of(from, type, to);
        }
    }

    /** How a step follows the stored relationship. */
    public enum Direction {
        FORWARD,
        BACKWARD,
        /** Either direction; only for relations between two nodes of the same label. */
        BOTH
    }

    public Metapath {
        steps = List.copyOf(steps);
    }

    /** Parses a pattern such as {@code Drug -BINDS-> Gene <-ASSOCIATES- Disease}. */
    public static Metapath parse(String abbreviation, String pattern) {
        List<Step> steps = new ArrayList<>();
        String rest = pattern.strip();
        int firstSpace = indexOfArrow(rest);
        if (firstSpace < 0) {
            throw invalid(pattern, "it has no relationship");
        }
        String from = rest.substring(0, firstSpace).strip();
        rest = rest.substring(firstSpace);
        while (!rest.isEmpty()) {
            Matcher m = TOKEN.matcher(rest);
            if (!m.lookingAt()) {
                throw invalid(pattern, "expected `-TYPE->`, `<-TYPE-` or `-TYPE-` after " + from);
            }
            boolean left = m.group(1).equals("<-");
            boolean right = m.group(3).equals("->");
            if (left && right) {
                throw invalid(pattern, "a relationship cannot point both ways");
            }
            rest = rest.substring(m.end());
            int next = indexOfArrow(rest);
            String to = (next < 0 ? rest : rest.substring(0, next)).strip();
            if (to.isEmpty()) {
                throw invalid(pattern, "a relationship must end at a label");
            }
            Direction direction = left ? Direction.BACKWARD : right ? Direction.FORWARD : Direction.BOTH;
            if (direction == Direction.BOTH && !from.equals(to)) {
                throw invalid(pattern, "an undirected step must join two nodes of the same label");
            }
            steps.add(new Step(from, m.group(2), to, direction));
            from = to;
            rest = next < 0 ? "" : rest.substring(next);
        }
        return new Metapath(abbreviation, pattern.strip(), steps);
    }

    private static int indexOfArrow(String text) {
        int dash = text.indexOf('-');
        int lt = text.indexOf("<-");
        if (lt >= 0 && (dash < 0 || lt <= dash)) {
            return lt;
        }
        return dash;
    }

    private static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException(Messages.format(
                "Invalid metapath `%s`: %s. Write it like `Drug -BINDS-> Gene <-ASSOCIATES- Disease`.", pattern, why));
    }

    public String source() {
        return steps.get(0).from();
    }

    public String target() {
        return steps.get(steps.size() - 1).to();
    }

    /** The labels along the path, source first. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add(source());
        steps.forEach(s -> labels.add(s.to()));
        return labels;
    }
}
