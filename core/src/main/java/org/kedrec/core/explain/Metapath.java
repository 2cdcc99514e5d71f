package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;

/**
 * A metapath: a sequence of node labels and relationship types from a drug to a disease, such as
 * {@code Drug-BINDS->Gene<-ASSOCIATES-Disease}, abbreviated as Hetionet does ({@code CbGaD}). Each step records
 * whether its relationship points along the path (drug towards disease), against it, or either way for the
 * symmetric types (RESEMBLES, INTERACTS, COVARIES), which Hetionet stores once in an arbitrary direction.
 *
 * @param abbreviation Hetionet-style name, e.g. {@code CbGaD}, {@code CiPCiCtD}, {@code CbGr>GaD}
 * @param startLabel always {@code Drug}
 * @param steps the relationships and the labels they lead to; the last one leads to {@code Disease}
 * @param joinNode 0 for none, else the position (1 … length-1) of the intermediate node where the query should
 *     meet in the middle ({@code USING JOIN ON n<i>}): expanding from both bound ends and hash-joining there is up
 *     to 8× cheaper when one end reaches the middle through a hub (a gene bound by hundreds of drugs); chosen per
 *     metapath by profiling on the demo graph (docs/dataset.md)
 */
public record Metapath(String abbreviation, String startLabel, List<Step> steps, int joinNode) {

    /** How a relationship lies relative to the path's direction (from the drug towards the disease). */
    public enum Direction {
        /** {@code (prev)-[:T]->(next)}. */
        OUT,
        /** {@code (prev)<-[:T]-(next)}. */
        IN,
        /** A symmetric type, stored in either direction: {@code (prev)-[:T]-(next)}. */
        BOTH
    }

    /** One hop: relationship type, how it lies, and the label of the node it reaches. */
    public record Step(String type, Direction direction, String label) {}

    private static final Map<String, String> NODE_ABBREVIATIONS = Map.ofEntries(
            Map.entry("Drug", "C"), Map.entry("Disease", "D"), Map.entry("Gene", "G"), Map.entry("Anatomy", "A"),
            Map.entry("SideEffect", "SE"), Map.entry("Symptom", "S"), Map.entry("PharmacologicClass", "PC"),
            Map.entry("Pathway", "PW"), Map.entry("BiologicalProcess", "BP"), Map.entry("MolecularFunction", "MF"),
            Map.entry("CellularComponent", "CC"));
    private static final Map<String, String> REL_ABBREVIATIONS = Map.ofEntries(
            Map.entry("TREATS", "t"), Map.entry("PALLIATES", "p"), Map.entry("BINDS", "b"),
            Map.entry("UPREGULATES", "u"), Map.entry("DOWNREGULATES", "d"), Map.entry("RESEMBLES", "r"),
            Map.entry("CAUSES", "c"), Map.entry("INCLUDES", "i"), Map.entry("ASSOCIATES", "a"),
            Map.entry("LOCALIZES", "l"), Map.entry("PRESENTS", "p"), Map.entry("EXPRESSES", "e"),
            Map.entry("INTERACTS", "i"), Map.entry("COVARIES", "c"), Map.entry("REGULATES", "r"),
            Map.entry("PARTICIPATES", "p"));

    private static final Pattern TOKEN =
            Pattern.compile("(<-([A-Z_]+)-|-([A-Z_]+)->|-([A-Z_]+)-)([A-Za-z]+)");

    public Metapath {
        steps = List.copyOf(steps);
        if (joinNode < 0 || joinNode >= Math.max(1, steps.size())) {
            throw new IllegalArgumentException(Messages.format(
                    "Join node %d of metapath %s must be 0 (none) or an intermediate position 1..%d.",
                    joinNode, abbreviation, steps.size() - 1));
        }
    }

    /** This metapath with a join hint at intermediate position {@code node} (see {@link #joinNode}). */
    public Metapath withJoin(int node) {
        return new Metapath(abbreviation, startLabel, steps, node);
    }

    /**
     * Parses the arrow notation {@code Drug-BINDS->Gene<-ASSOCIATES-Disease}: {@code -T->} points along the path,
     * {@code <-T-} against it, {@code -T-} either way.
     */
    public static Metapath parse(String notation) {
        int first = notation.indexOf('-');
        int firstIn = notation.indexOf('<');
        int cut = firstIn >= 0 && firstIn < first ? firstIn : first;
        if (cut <= 0) {
            throw new IllegalArgumentException(Messages.format(
                    "Metapath `%s` has no relationship; write it like `Drug-BINDS->Gene<-ASSOCIATES-Disease`.",
                    notation));
        }
        String start = notation.substring(0, cut);
        List<Step> steps = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(notation);
        int position = cut;
        while (position < notation.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw new IllegalArgumentException(Messages.format(
                        "Metapath `%s` cannot be read at `%s`; write it like `Drug-BINDS->Gene<-ASSOCIATES-Disease`.",
                        notation, notation.substring(position)));
            }
            if (matcher.group(2) != null) {
                steps.add(new Step(matcher.group(2), Direction.IN, matcher.group(5)));
            } else if (matcher.group(3) != null) {
                steps.add(new Step(matcher.group(3), Direction.OUT, matcher.group(5)));
            } else {
                steps.add(new Step(matcher.group(4), Direction.BOTH, matcher.group(5)));
            }
            position = matcher.end();
        }
        return new Metapath(abbreviate(start, steps), start, steps, 0);
    }

    /** Hetionet's abbreviation: node letters and relationship letters, with {@code >} / {@code <} for REGULATES. */
    static String abbreviate(String start, List<Step> steps) {
        StringBuilder out = new StringBuilder(nodeAbbreviation(start));
        for (Step step : steps) {
            String rel = REL_ABBREVIATIONS.get(step.type());
            if (rel == null) {
                throw new IllegalArgumentException(Messages.format(
                        "Unknown relationship type `%s` in a metapath. Known types: %s.",
                        step.type(), new java.util.TreeSet<>(REL_ABBREVIATIONS.keySet())));
            }
            if (step.type().equals("REGULATES")) {
                rel = step.direction() == Direction.IN ? "<" + rel : rel + ">";
            }
            out.append(rel).append(nodeAbbreviation(step.label()));
        }
        return out.toString();
    }

    private static String nodeAbbreviation(String label) {
        String abbreviation = NODE_ABBREVIATIONS.get(label);
        if (abbreviation == null) {
            throw new IllegalArgumentException(Messages.format(
                    "Unknown node label `%s` in a metapath. Known labels: %s.",
                    label, new java.util.TreeSet<>(NODE_ABBREVIATIONS.keySet())));
        }
        return abbreviation;
    }

    /** Number of relationships. */
    public int length() {
        return steps.size();
    }

    /** The labels of all nodes along the path, drug first, disease last. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add(startLabel);
        steps.forEach(step -> labels.add(step.label()));
        return labels;
    }

    /** What kind of reason paths of this metapath give; see {@link PathKind}. */
    public PathKind kind() {
        return PathKind.classify(labels(), types());
    }

    /** The relationship types along the path. */
    public List<String> types() {
        return steps.stream().map(Step::type).toList();
    }

    /** The arrow notation this metapath was parsed from. */
    public String notation() {
        StringBuilder out = new StringBuilder(startLabel);
        for (Step step : steps) {
            switch (step.direction()) {
                case OUT -> out.append('-').append(step.type()).append("->");
                case IN -> out.append("<-").append(step.type()).append('-');
                case BOTH -> out.append('-').append(step.type()).append('-');
            }
            out.append(step.label());
        }
        return out.toString();
    }
}
