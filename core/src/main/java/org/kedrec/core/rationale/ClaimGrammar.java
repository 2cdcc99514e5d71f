package org.kedrec.core.rationale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.explain.PathKind;
import org.kedrec.core.ids.EntityKind;

/**
 * The words the evidence teacher writes a path in, one template per metapath, and the graph relations each template
 * asserts. It is the single grammar for both directions: {@link EvidenceTeacher} fills a template with a path's
 * names, and the claim reader ({@code org.kedrec.core.rationale.ClaimReader}) matches written clauses back against
 * the same templates to recover which relation the text asserts between which entities. Keeping both in one table
 * means a template cannot be changed for writing without the reader learning it too.
 *
 * <p>In a template, {@code {1}}, {@code {2}}, {@code {3}} stand for the path's intermediate nodes in path order and
 * {@code {D}} for its last node (the disease); node 0 (the drug) is the sentence's subject and is not written.
 * {@code rels} are the relationship types between consecutive path nodes, so relation {@code i} joins node
 * {@code i} and node {@code i + 1}.
 */
public final class ClaimGrammar {
    /** A clause template: its metapath, its words, and the relationship types it asserts along the path. */
    public record PathTemplate(String metapath, String words, List<String> rels) {
        /** The number of path nodes the template names, the subject included. */
        public int nodes() {
            return rels.size() + 1;
        }

        /** The template filled with {@code names}: node names in path order, the drug's first (not written). */
        public String fill(List<String> names) {
            String out = words;
            for (int i = 1; i < names.size() - 1; i++) {
                out = out.replace("{" + i + "}", names.get(i));
            }
            return out.replace("{D}", names.get(names.size() - 1));
        }

        /** A regex for the template, one group per node 1..n-1 in path order (the groups' text order may differ). */
        Pattern pattern() {
            return PATTERNS.computeIfAbsent(metapath, m -> {
                StringBuilder regex = new StringBuilder();
                Matcher placeholder = PLACEHOLDER.matcher(words);
                int last = 0;
                List<Integer> order = new ArrayList<>();
                while (placeholder.find()) {
                    regex.append(Pattern.quote(words.substring(last, placeholder.start())));
                    String name = placeholder.group(1);
                    order.add(name.equals("D") ? nodes() - 1 : Integer.parseInt(name));
                    regex.append("(?<n").append(order.get(order.size() - 1)).append(">.+?)");
                    last = placeholder.end();
                }
                regex.append(Pattern.quote(words.substring(last)));
                return Pattern.compile(regex.toString());
            });
        }

        /** The node names (index 1..n-1; index 0 null) if {@code clause} is exactly this template, else null. */
        public List<String> match(String clause) {
            Matcher matcher = pattern().matcher(clause);
            if (!matcher.matches()) {
                return null;
            }
            List<String> names = new ArrayList<>(Collections.nCopies(nodes(), (String) null));
            for (int i = 1; i < nodes(); i++) {
                names.set(i, matcher.group("n" + i));
            }
            return names;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d|D)}");
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every template, by metapath; the order is the order the reader tries them in (longest words first). */
    public static final Map<String, PathTemplate> PATHS;

    static {
        Map<String, PathTemplate> paths = new LinkedHashMap<>();
        Map<String, String> drugGene = Map.of("b", "binds", "u", "upregulates", "d", "downregulates");
        Map<String, String> drugGeneRel = Map.of("b", "BINDS", "u", "UPREGULATES", "d", "DOWNREGULATES");
        Map<String, String> diseaseGene = Map.of(
                "a", "a gene associated with", "u", "a gene upregulated in", "d", "a gene downregulated in");
        Map<String, String> diseaseGeneRel = Map.of("a", "ASSOCIATES", "u", "UPREGULATES", "d", "DOWNREGULATES");
        add(paths, "CbGpPWpGaD", "binds {1}, which shares the pathway {2} with {3}, a gene associated with {D}",
                "BINDS", "PARTICIPATES", "PARTICIPATES", "ASSOCIATES");
        Map<String, String[]> geneGene = new LinkedHashMap<>();
        geneGene.put("i", new String[] {"interacts with", "INTERACTS"});
        geneGene.put("c", new String[] {"covaries with", "COVARIES"});
        geneGene.put("r>", new String[] {"regulates", "REGULATES"});
        geneGene.put("<r", new String[] {"is regulated by", "REGULATES"});
        geneGene.forEach((edge, words) -> add(paths, "CbG" + edge + "GaD",
                "binds {1}, which " + words[0] + " {2}, a gene associated with {D}", "BINDS", words[1], "ASSOCIATES"));
        add(paths, "CrCbGaD", "resembles {1}, which binds {2}, a gene associated with {D}",
                "RESEMBLES", "BINDS", "ASSOCIATES");
        add(paths, "CbGeAlD", "binds {1}, a gene expressed in {2}, where {D} localizes",
                "BINDS", "EXPRESSES", "LOCALIZES");
        add(paths, "CbGaDrD", "binds {1}, a gene associated with {2}, which resembles {D}",
                "BINDS", "ASSOCIATES", "RESEMBLES");
        // Not "shares the target": for about half of these paths in the demo dataset the shared gene is one that
        // DrugBank lists only as an enzyme, transporter or carrier of either drug (BindingRoles), not its target.
        add(paths, "CbGbCtD", "binds {1}, as does {2}, which treats {D}", "BINDS", "BINDS", "TREATS");
        add(paths, "CiPCiCtD", "shares the class {1} with {2}, which treats {D}", "INCLUDES", "INCLUDES", "TREATS");
        add(paths, "CcSEcCtD", "shares the side effect {1} with {2}, which treats {D}", "CAUSES", "CAUSES", "TREATS");
        add(paths, "CrCrCtD", "resembles {1}, which resembles {2}, a treatment of {D}",
                "RESEMBLES", "RESEMBLES", "TREATS");
        add(paths, "CtDaGaD", "treats {1}, which shares the gene {2} with {D}", "TREATS", "ASSOCIATES", "ASSOCIATES");
        add(paths, "CtDlAlD", "treats {1}, which like {D} localizes to {2}", "TREATS", "LOCALIZES", "LOCALIZES");
        add(paths, "CtDpSpD", "treats {1}, which like {D} presents {2}", "TREATS", "PRESENTS", "PRESENTS");
        add(paths, "CrCtD", "resembles {1}, which treats {D}", "RESEMBLES", "TREATS");
        add(paths, "CrCpD", "resembles {1}, which palliates {D}", "RESEMBLES", "PALLIATES");
        add(paths, "CtDrD", "treats {1}, which resembles {D}", "TREATS", "RESEMBLES");
        add(paths, "CpDrD", "palliates {1}, which resembles {D}", "PALLIATES", "RESEMBLES");
        for (String drug : List.of("b", "u", "d")) {
            for (String disease : List.of("a", "u", "d")) {
                add(paths, "C" + drug + "G" + disease + "D", drugGene.get(drug) + " {1}, " + diseaseGene.get(disease)
                        + " {D}", drugGeneRel.get(drug), diseaseGeneRel.get(disease));
            }
        }
        PATHS = Collections.unmodifiableMap(paths);
    }

    /** The words for a metapath without a template: no relation is asserted beyond "linked through". */
    public static final String LINKED_THROUGH = "is linked to ";

    private ClaimGrammar() {}

    private static void add(Map<String, PathTemplate> paths, String metapath, String words, String... rels) {
        paths.put(metapath, new PathTemplate(metapath, words, List.of(rels)));
    }

    /** The template of {@code metapath}, or null when the teacher has none for it. */
    public static PathTemplate template(String metapath) {
        return metapath == null ? null : PATHS.get(metapath);
    }

    private static final Pattern NODE = Pattern.compile("[A-Z]+");

    /**
     * The {@link PathKind} of a path evidence item, from its metapath's node abbreviations (an item keeps its
     * metapath and relationship types, not its labels); {@link PathKind#SIMILARITY} when the metapath is unknown.
     */
    public static PathKind kind(EvidenceItem path) {
        if (path.metapath() == null) {
            return PathKind.SIMILARITY;
        }
        List<String> labels = new ArrayList<>();
        Matcher node = NODE.matcher(path.metapath());
        while (node.find()) {
            labels.add(EntityKind.fromAbbreviation(node.group()).map(EntityKind::label).orElse(node.group()));
        }
        if (labels.size() != path.rels().size() + 1) {
            return PathKind.SIMILARITY;
        }
        return PathKind.classify(labels, path.rels());
    }

    /** How a path clause opens when the drug binds the gene next to it. */
    static final String BINDS = "binds ";

    /**
     * A path in words from the drug's side, without the drug, saying what the first protein is to the drug where it
     * binds it only as a pharmacokinetic protein ({@code role}, e.g. {@code "transporter"}; null for a target or when
     * unknown): {@code binds its transporter SLC31A2, a gene associated with [D]}. Without the role, a reader takes
     * "binds SLC31A2, a gene associated with [D]" for the drug's mechanism; with it the sentence says what DrugBank
     * says, that the protein carries (or metabolises) the drug.
     */
    public static String verbalise(String metapath, List<String> rels, List<String> names, String role) {
        String plain = verbalise(metapath, rels, names);
        if (role == null || rels.isEmpty() || !rels.get(0).equals("BINDS") || !plain.startsWith(BINDS)) {
            return plain;
        }
        return BINDS + ROLE_PREFIX + role + " " + plain.substring(BINDS.length());
    }

    /** The word between "binds" and a pharmacokinetic protein's role. */
    static final String ROLE_PREFIX = "its ";

    /**
     * A path in words from the drug's side, without the drug: {@code binds X, a gene associated with [D]}. The
     * template's relations must be the path's own ({@code rels}), else it is only "linked through" its nodes.
     */
    public static String verbalise(String metapath, List<String> rels, List<String> names) {
        PathTemplate template = template(metapath);
        if (template != null && template.nodes() == names.size() && template.rels().equals(rels)) {
            return template.fill(names);
        }
        return LINKED_THROUGH + names.get(names.size() - 1) + " through "
                + String.join(" and ", names.subList(1, names.size() - 1));
    }
}
