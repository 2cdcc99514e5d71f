package org.kedrec.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.EntityKind;

/**
 * A metapath: a walk over node labels and relationship types, from a drug to a disease for every metapath KEDRec
 * uses, such as {@code Drug-BINDS->Gene<-ASSOCIATES-Disease}, abbreviated as Hetionet does ({@code CbGaD}). The one
 * model of a metapath for explanations (the path queries), the ranker's path features and the dataset; which
 * metapaths explain and which score is said once, in {@link Metapaths}.
 *
 * <p>Each step records whether its relationship points along the path (drug towards disease), against it, or
 * either way for the symmetric types (RESEMBLES, INTERACTS, COVARIES), which Hetionet stores once in an arbitrary
 * direction. The notation is read with or without spaces around the arrows: the ranker wrote
 * {@code Drug -BINDS-> Gene <-ASSOCIATES- Disease} into the {@code metapaths.json} of models saved before the two
 * metapath records became this one, and those models must still read.
 *
 * @param abbreviation Hetionet-style name, e.g. {@code CbGaD}, {@code CiPCiCtD}, {@code CbGr>GaD}; derived from the
 *     notation, or given where a label has no Hetionet letter (the evidence features' {@code AtcLevel4}); the
 *     name of the ranker feature and the key of the explanation weights, so it is stored in models
 * @param steps the relationships and the labels they join; the last one leads to the target (a disease)
 * @param joinNode 0 for none, else the position (1 … length-1) of the intermediate node where the query should
 *     meet in the middle ({@code USING JOIN ON n<i>}): expanding from both bound ends and hash-joining there is up
 *     to 8× cheaper when one end reaches the middle through a hub (a gene bound by hundreds of drugs); chosen per
 *     metapath by profiling on the demo graph (docs/dataset.md)
 */
public record Metapath(String abbreviation, List<Step> steps, int joinNode) {

    /** How a relationship lies relative to the path's direction (from the drug towards the disease). */
    public enum Direction {
        /** {@code (prev)-[:T]->(next)}: the stored relationship points along the path. */
        OUT,
        /** {@code (prev)<-[:T]-(next)}: the stored relationship points against the path. */
        IN,
        /** A symmetric type, stored in either direction between two nodes of one label: {@code (prev)-[:T]-(next)}. */
        BOTH
    }

    /** One hop: from a label over a relationship type, lying as {@code direction}, to a label. */
    public record Step(String from, String type, Direction direction, String to) {}

    private static final Map<String, String> REL_ABBREVIATIONS = Map.ofEntries(
            Map.entry("TREATS", "t"), Map.entry("PALLIATES", "p"), Map.entry("BINDS", "b"),
            Map.entry("UPREGULATES", "u"), Map.entry("DOWNREGULATES", "d"), Map.entry("RESEMBLES", "r"),
            Map.entry("CAUSES", "c"), Map.entry("INCLUDES", "i"), Map.entry("ASSOCIATES", "a"),
            Map.entry("LOCALIZES", "l"), Map.entry("PRESENTS", "p"), Map.entry("EXPRESSES", "e"),
            Map.entry("INTERACTS", "i"), Map.entry("COVARIES", "c"), Map.entry("REGULATES", "r"),
            Map.entry("PARTICIPATES", "p"));

    private static final String EXAMPLE = "Drug-BINDS->Gene<-ASSOCIATES-Disease";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern TOKEN = Pattern.compile("(<-|-)([A-Z_]+)(->|-)([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern SPACE_AROUND_ARROWS = Pattern.compile("\\s+");

    public Metapath {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(Messages.format(
                    "Metapath %s has no relationship; write it like `%s`.", abbreviation, EXAMPLE));
        }
        if (joinNode < 0 || joinNode >= Math.max(1, steps.size())) {
            throw new IllegalArgumentException(Messages.format(
                    "Join node %d of metapath %s must be 0 (none) or an intermediate position 1..%d.",
                    joinNode, abbreviation, steps.size() - 1));
        }
    }

    /** This metapath with a join hint at intermediate position {@code node} (see {@link #joinNode}). */
    public Metapath withJoin(int node) {
        return new Metapath(abbreviation, steps, node);
    }

    /**
     * Parses the arrow notation {@code Drug-BINDS->Gene<-ASSOCIATES-Disease} (spaces around the arrows allowed):
     * {@code -T->} points along the path, {@code <-T-} against it, {@code -T-} either way. The abbreviation is
     * Hetionet's, so every label and type must have a Hetionet letter.
     */
    public static Metapath parse(String notation) {
        List<Step> steps = steps(notation);
        return new Metapath(abbreviate(steps), steps, 0);
    }

    /**
     * Parses the notation of a metapath whose name is given rather than derived: the ranker's evidence features run
     * over labels Hetionet has no letter for ({@code AtcLevel4}, {@code DrugCategory}), and their names are stored
     * in saved models.
     */
    public static Metapath parse(String abbreviation, String notation) {
        return new Metapath(abbreviation, steps(notation), 0);
    }

    private static List<Step> steps(String notation) {
        String compact = SPACE_AROUND_ARROWS.matcher(notation.strip()).replaceAll("");
        int first = compact.indexOf('-');
        int firstIn = compact.indexOf('<');
        int cut = firstIn >= 0 && firstIn < first ? firstIn : first;
        if (cut <= 0) {
            throw new IllegalArgumentException(Messages.format(
                    "Metapath `%s` has no relationship; write it like `%s`.", notation, EXAMPLE));
        }
        String from = compact.substring(0, cut);
        if (!LABEL.matcher(from).matches()) {
            throw unreadable(notation, compact);
        }
        List<Step> steps = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(compact);
        int position = cut;
        while (position < compact.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw unreadable(notation, compact.substring(position));
            }
            boolean in = matcher.group(1).equals("<-");
            boolean out = matcher.group(3).equals("->");
            if (in && out) {
                throw new IllegalArgumentException(Messages.format(
                        "Metapath `%s` has a relationship that points both ways at `%s`; write it like `%s`.",
                        notation, matcher.group(), EXAMPLE));
            }
            Direction direction = in ? Direction.IN : out ? Direction.OUT : Direction.BOTH;
            String to = matcher.group(4);
            if (direction == Direction.BOTH && !from.equals(to)) {
                throw new IllegalArgumentException(Messages.format(
                        "Metapath `%s` has an undirected step `%s` between two labels; only a symmetric type between "
                                + "nodes of one label may be undirected, so write `-%s->` or `<-%s-`.",
                        notation, matcher.group(), matcher.group(2), matcher.group(2)));
            }
            steps.add(new Step(from, matcher.group(2), direction, to));
            from = to;
            position = matcher.end();
        }
        return steps;
    }

    private static IllegalArgumentException unreadable(String notation, String at) {
        return new IllegalArgumentException(Messages.format(
                "Metapath `%s` cannot be read at `%s`; write it like `%s`.", notation, at, EXAMPLE));
    }

    /** Hetionet's abbreviation: node letters and relationship letters, with {@code >} / {@code <} for REGULATES. */
    static String abbreviate(List<Step> steps) {
        StringBuilder out = new StringBuilder(nodeAbbreviation(steps.get(0).from()));
        for (Step step : steps) {
            String rel = REL_ABBREVIATIONS.get(step.type());
            if (rel == null) {
                throw new IllegalArgumentException(Messages.format(
                        "Unknown relationship type `%s` in a metapath. Known types: %s.",
                        step.type(), new TreeSet<>(REL_ABBREVIATIONS.keySet())));
            }
            if (step.type().equals("REGULATES")) {
                rel = step.direction() == Direction.IN ? "<" + rel : rel + ">";
            }
            out.append(rel).append(nodeAbbreviation(step.to()));
        }
        return out.toString();
    }

    private static String nodeAbbreviation(String label) {
        return EntityKind.fromLabel(label).flatMap(EntityKind::abbreviation).orElseThrow(() ->
                new IllegalArgumentException(Messages.format(
                        "Unknown node label `%s` in a metapath. Known labels: %s.", label,
                        new TreeSet<>(Arrays.stream(EntityKind.values())
                                .filter(k -> k.abbreviation().isPresent()).map(EntityKind::label).toList()))));
    }

    /** Number of relationships. */
    public int length() {
        return steps.size();
    }

    /** The label the path starts at (a drug). */
    public String source() {
        return steps.get(0).from();
    }

    /** The label the path ends at (a disease). */
    public String target() {
        return steps.get(steps.size() - 1).to();
    }

    /** The labels of all nodes along the path, source first, target last. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add(source());
        steps.forEach(step -> labels.add(step.to()));
        return labels;
    }

    /** The relationship types along the path. */
    public List<String> types() {
        return steps.stream().map(Step::type).toList();
    }

    /** The arrow notation, without spaces: {@code Drug-BINDS->Gene<-ASSOCIATES-Disease}. */
    public String notation() {
        StringBuilder out = new StringBuilder(source());
        for (Step step : steps) {
            switch (step.direction()) {
                case OUT -> out.append('-').append(step.type()).append("->");
                case IN -> out.append("<-").append(step.type()).append('-');
                case BOTH -> out.append('-').append(step.type()).append('-');
            }
            out.append(step.to());
        }
        return out.toString();
    }
}
