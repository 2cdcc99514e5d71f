package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;

/**
 * Generates the Cypher that finds explanation paths, one {@code UNION ALL} branch per metapath, each an explicit
 * pattern bound at both ends (the drug and the disease are looked up by their unique {@code id}), so the planner
 * expands from the drug and closes the path with {@code Expand(Into)} at the disease.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code $pairs}: a list of maps {@code {key, drug, disease, exclude}}; {@code key} is echoed back,
 *       {@code exclude} is one {@code "drug|disease"} TREATS pair that must not appear in this pair's paths (the
 *       example's own positive; null for none). Several pairs per query amortise the round trip.
 *   <li>{@code $heldOut}: {@code "drug|disease"} keys of TREATS edges that no path may use (the held-out
 *       edges of every non-training split; empty at serving time when the whole graph is known).
 *   <li>{@code $perMetapath}: how many paths each metapath keeps per pair (best first).
 *   <li>{@code $w}: the degree damping exponent of {@link PathScorer} (0.4).
 * </ul>
 *
 * <p>Each row: {@code key, metapath, ids} (node CURIEs, drug first), {@code names}, {@code dirs} (true where a
 * relationship points from the drug's side towards the disease's side), {@code degrees} (two per relationship:
 * the metaedge degree of its drug-side node, then of its disease-side node) and {@code score} (the path-degree
 * product computed in Cypher so that {@code LIMIT} keeps the best; {@link PathScorer} recomputes it from
 * {@code degrees} in Java and a test checks both agree).
 *
 * <p>Degrees are counted per metaedge (relationship type, direction and the label at the other end). Where a type
 * reaches one label only from a node (a drug's BINDS, a disease's ASSOCIATES, TREATS, …) the query asks for the
 * plain typed degree, which Neo4j reads without expanding; where it reaches several ({@link #degreeLabel}) it
 * names the label, so that, say, a gene's upregulation by drugs is not inflated by anatomy. Naming the label
 * everywhere made the query 5–10× slower (a dense disease's or hub gene's relationships expanded on every row).
 */
public final class PathQueries {
    // Declared before DEFAULT, which reads it during class initialisation.
    private static final java.util.Map<String, java.util.Set<String>> SHARED_TYPES = java.util.Map.of(
            "Gene", java.util.Set.of("UPREGULATES", "DOWNREGULATES", "PARTICIPATES"),
            "Drug", java.util.Set.of("CAUSES"));

    /** The path query over {@link Metapaths#DEFAULT}. */
    public static final String DEFAULT = pathsQuery(Metapaths.DEFAULT);

    private PathQueries() {}

    /** The full query over the given metapaths. */
    public static String pathsQuery(List<Metapath> metapaths) {
        StringBuilder out = new StringBuilder();
        out.append("UNWIND $pairs AS pair\n");
        out.append("MATCH (n0:Drug {id: pair.drug}), (d:Disease {id: pair.disease})\n");
        out.append("CALL (n0, d, pair) {\n");
        StringJoiner branches = new StringJoiner("\n  UNION ALL\n");
        for (Metapath metapath : metapaths) {
            branches.add(branch(metapath));
        }
        out.append(branches).append("\n}\n");
        out.append("RETURN pair.key AS key, metapath, ids, names, dirs, degrees, score");
        return out.toString();
    }

    /**
     * The other end of a degree count: empty (a plain typed degree, which Neo4j reads in constant time) unless the
     * type reaches several labels from this node in a KEDRec graph in large numbers, where the label keeps the
     * count per metaedge: a gene's UPREGULATES/DOWNREGULATES (from drugs, diseases and anatomies, a third each)
     * and PARTICIPATES (to pathways and GO terms), and a drug's CAUSES (BC5CDR adds 750 drug-induced diseases and
     * symptoms to Hetionet's 5,000 side effects). A gene's ASSOCIATES and BINDS stay plain: the PubTator corpora add
     * 2.8% and 0.3% of other labels there, and naming the label made the query 5× slower (hub genes counted again
     * on every row).
     */
    static String degreeLabel(String type, String nodeLabel, String otherLabel) {
        boolean shared = SHARED_TYPES.getOrDefault(nodeLabel, java.util.Set.of()).contains(type);
        return shared ? ":" + otherLabel : "";
    }

    /**
     * The query for one disease and many drugs ({@link PathFinder#findForDisease}): the disease is looked up once,
     * and each branch matches its metapath from {@code (d)} to any drug whose id is in {@code $drugs}, so the work
     * on the disease's side of a path (its genes, anatomies, symptoms, resembling diseases) is done once per call
     * instead of once per drug. Each drug keeps its best {@code $perMetapath} paths per metapath. Parameters:
     * {@code $disease}, {@code $drugs}, {@code $heldOut}, {@code $perMetapath}, {@code $w}; rows as
     * {@link #pathsQuery}, with the drug's id as {@code key}. There is no per-pair {@code exclude}.
     */
    public static String forDiseaseQuery(List<Metapath> metapaths) {
        StringBuilder out = new StringBuilder();
        out.append("MATCH (d:Disease {id: $disease})\n");
        out.append("CALL (d) {\n");
        StringJoiner branches = new StringJoiner("\n  UNION ALL\n");
        for (Metapath metapath : metapaths) {
            branches.add(branch(metapath, true));
        }
        out.append(branches).append("\n}\n");
        out.append("RETURN key, metapath, ids, names, dirs, degrees, score");
        return out.toString();
    }

    /**
     * Where the query anchored at the disease meets in the middle: the node next to the drug ({@code n1}) for most
     * metapaths, so the drugs' side (a few dozen targets) and the disease's side are expanded once each and
     * hash-joined, instead of checking every gene of every drug against the disease. Chosen per metapath by the
     * db hits of PROFILE on the demo graph (15 diseases x their top 10 drugs, docs/plugin.md): this halves the query's
     * db hits. {@code CrCbGaD} and {@code CtDaGaD} plan best without a hint, {@code CiPCiCtD} joins at the class.
     */
    static int diseaseJoinNode(Metapath metapath) {
        return switch (metapath.abbreviation()) {
            case "CrCbGaD", "CtDaGaD" -> 0;
            case "CiPCiCtD" -> 2;
            // Joining at the target gene expanded the disease's genes to every gene of their pathways (1.76 M rows
            // for hypertension); joining at the pathway meets the drug's few target pathways (PROFILE, docs/explain.md).
            case "CbGpPWpGaD" -> 2;
            default -> metapath.length() >= 2 ? 1 : 0;
        };
    }

    /** One branch for one metapath, for a single bound pair {@code (n0:Drug)}, {@code (d:Disease)}. */
    static String branch(Metapath metapath) {
        return branch(metapath, false);
    }

    /**
     * One branch for one metapath: for a bound pair ({@code forDisease} false), or from the bound {@code (d)} to the
     * drugs listed in {@code $drugs} (true).
     */
    static String branch(Metapath metapath, boolean forDisease) {
        int length = metapath.length();
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            nodes.add("n" + i);
        }
        nodes.add("d");
        List<String> labels = metapath.labels();

        StringBuilder pattern = new StringBuilder(forDisease ? "(n0:Drug)" : "(n0)");
        for (int i = 0; i < length; i++) {
            Metapath.Step step = metapath.steps().get(i);
            String rel = "[r" + (i + 1) + ":" + step.type() + "]";
            String next = i + 1 == length ? "(d)" : "(" + nodes.get(i + 1) + ":" + step.to() + ")";
            switch (step.direction()) {
                case OUT -> pattern.append('-').append(rel).append("->");
                case IN -> pattern.append("<-").append(rel).append('-');
                case BOTH -> pattern.append('-').append(rel).append('-');
            }
            pattern.append(next);
        }

        List<String> conditions = new ArrayList<>();
        if (forDisease) {
            conditions.add("n0.id IN $drugs");
        }
        // Cypher only keeps relationships unique; paths must also be simple (a node at most once).
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                if (labels.get(i).equals(labels.get(j))) {
                    conditions.add(nodes.get(i) + " <> " + nodes.get(j));
                }
            }
        }
        for (int i = 0; i < length; i++) {
            Metapath.Step step = metapath.steps().get(i);
            if (step.type().equals(GraphSchema.TREATS)) {
                String drug = step.direction() == Metapath.Direction.IN ? nodes.get(i + 1) : nodes.get(i);
                String disease = step.direction() == Metapath.Direction.IN ? nodes.get(i) : nodes.get(i + 1);
                String key = drug + ".id + '|' + " + disease + ".id";
                conditions.add("NOT " + key + " IN $heldOut");
                if (!forDisease) {
                    conditions.add(key + " <> coalesce(pair.exclude, '')");
                }
            }
        }

        List<String> degrees = new ArrayList<>();
        List<String> factors = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        // Anchored at the disease, the disease's own degree is one number per branch: counted once, before the
        // match, instead of once per candidate path (degree lookups are a third of the query's time).
        String diseaseDegree = null;
        // The drug's degree is one number per drug: it scales all of a drug's paths of a metapath alike, so their
        // order does not depend on it. Anchored at the disease, it is counted for the kept paths only.
        String drugDegree = null;
        for (int i = 0; i < length; i++) {
            Metapath.Step step = metapath.steps().get(i);
            String u = nodes.get(i);
            String v = nodes.get(i + 1);
            String uLabel = labels.get(i);
            String vLabel = labels.get(i + 1);
            String t = step.type();
            String du;
            String dv;
            String uOther = degreeLabel(t, uLabel, vLabel);
            String vOther = degreeLabel(t, vLabel, uLabel);
            switch (step.direction()) {
                case OUT -> {
                    du = "COUNT { (" + u + ")-[:" + t + "]->(" + uOther + ") }";
                    dv = "COUNT { (" + v + ")<-[:" + t + "]-(" + vOther + ") }";
                    dirs.add("true");
                }
                case IN -> {
                    du = "COUNT { (" + u + ")<-[:" + t + "]-(" + uOther + ") }";
                    dv = "COUNT { (" + v + ")-[:" + t + "]->(" + vOther + ") }";
                    dirs.add("false");
                }
                default -> {
                    du = "COUNT { (" + u + ")-[:" + t + "]-(" + uOther + ") }";
                    dv = "COUNT { (" + v + ")-[:" + t + "]-(" + vOther + ") }";
                    dirs.add("startNode(r" + (i + 1) + ") = " + u);
                }
            }
            if (forDisease && i == 0) {
                drugDegree = du;
            } else {
                degrees.add(du + " AS g" + (2 * i));
            }
            if (forDisease && i == length - 1) {
                diseaseDegree = dv;
                degrees.add("gd AS g" + (2 * i + 1));
            } else {
                degrees.add(dv + " AS g" + (2 * i + 1));
            }
            factors.add(forDisease && i == 0 ? "g1 ^ (-$w)" : "(g" + (2 * i) + " * g" + (2 * i + 1) + ") ^ (-$w)");
        }
        List<String> intermediates = nodes.subList(1, length);
        String ids = "[" + String.join(", ", nodes.stream().map(n -> n + ".id").toList()) + "]";
        String names = "[" + String.join(", ", nodes.stream().map(n -> n + ".name").toList()) + "]";
        List<String> gs = new ArrayList<>();
        for (int i = forDisease ? 1 : 0; i < 2 * length; i++) {
            gs.add("g" + i);
        }

        StringBuilder out = new StringBuilder();
        if (diseaseDegree != null) {
            out.append("  WITH d, ").append(diseaseDegree).append(" AS gd\n");
        }
        out.append("  MATCH ").append(pattern).append('\n');
        int join = forDisease ? diseaseJoinNode(metapath) : metapath.joinNode();
        if (join > 0) {
            out.append("  USING JOIN ON n").append(join).append('\n');
        }
        if (!conditions.isEmpty()) {
            out.append("  WHERE ").append(String.join(" AND ", conditions)).append('\n');
        }
        out.append("  WITH n0, d, ").append(String.join(", ", intermediates)).append(forDisease ? ", gd" : "")
                .append(", [").append(String.join(", ", dirs)).append("] AS dirs,\n       ")
                .append(String.join(",\n       ", degrees)).append('\n');
        out.append("  WITH n0, d, ").append(String.join(", ", intermediates)).append(", dirs, ")
                .append(ids).append(" AS ids, [").append(String.join(", ", gs)).append("] AS degrees, ")
                .append(String.join(" * ", factors)).append(" AS score\n");
        if (forDisease) {
            // Names are read for the kept paths only; the nodes travel in the collected maps until then.
            String nodeList = "[" + String.join(", ", nodes) + "]";
            out.append("  ORDER BY score DESC, ids\n");
            out.append("  WITH n0, collect({nodes: ").append(nodeList)
                    .append(", ids: ids, dirs: dirs, degrees: degrees, score: score})[..$perMetapath] AS top\n");
            out.append("  UNWIND top AS p\n");
            out.append("  WITH n0, p, ").append(drugDegree).append(" AS g0\n");
            out.append("  RETURN n0.id AS key, '").append(metapath.abbreviation())
                    .append("' AS metapath, p.ids AS ids, [n IN p.nodes | n.name] AS names, p.dirs AS dirs, "
                            + "[g0] + p.degrees AS degrees, p.score * g0 ^ (-$w) AS score");
            return out.toString();
        }
        out.append("  ORDER BY score DESC, ids LIMIT $perMetapath\n");
        out.append("  RETURN '").append(metapath.abbreviation()).append("' AS metapath, ids, ")
                .append(names).append(" AS names, dirs, degrees, score");
        return out.toString();
    }
}
