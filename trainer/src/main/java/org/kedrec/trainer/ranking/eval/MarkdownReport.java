package org.kedrec.trainer.ranking.eval;

import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;

/** The human-readable report written beside the JSON. */
final class MarkdownReport {
    private MarkdownReport() {}

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r, String roc, String rocRandom, String hits) {
        StringBuilder md = new StringBuilder();
        md.append("# KEDRec ranker evaluation\n\n");
        md.append(Messages.format(
                "%s held-out TREATS pairs (the published split), every one of %s compounds ranked per disease, "
                        + "filtered (other known TREATS of the disease do not compete). Ties count in expectation. "
                        + "Setting: **%s**%s.%n%n",
                r.get("heldOutPairs"), r.get("compoundsRanked"), r.get("setting"),
                "KG + evidence".equals(r.get("setting"))
                        ? " (the knowledge graph plus clinical-trial, literature and DrugBank side information; no "
                                + "held-out TREATS edge in any of it, see docs/ranker.md)"
                        : " (the knowledge graph alone)"));
        Map<String, Object> model = (Map<String, Object>) r.get("model");
        Map<String, Object> baselines = (Map<String, Object>) r.get("baselines");
        Map<String, Object> components = (Map<String, Object>) r.get("components");
        md.append("| ranker | MRR | Hit@1 | Hit@10 | Hit@100 | mean rank | AUROC vs non-indications | AUROC vs random |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        row(md, "**model** (" + model.get("description") + ")", model);
        boolean evidence = baselines.containsKey("metapathKgOnly");
        row(md, evidence ? "metapath (Rephetio DWPC + LR), same KG + evidence features" : "metapath (Rephetio DWPC + LR)",
                (Map<String, Object>) baselines.get("metapath"));
        if (evidence) {
            row(md, "metapath (Rephetio DWPC + LR), KG only", (Map<String, Object>) baselines.get("metapathKgOnly"));
            row(md, "trial evidence (trial count of the pair)", (Map<String, Object>) baselines.get("trialEvidence"));
        }
        if (components.containsKey("featureModel")) {
            row(md, "component: feature model alone", (Map<String, Object>) components.get("featureModel"));
        }
        row(md, "component: KG embedding alone", (Map<String, Object>) components.get("kge"));
        row(md, "popularity (drug degree)", (Map<String, Object>) baselines.get("popularity"));
        row(md, "random", (Map<String, Object>) baselines.get("random"));
        Map<String, Object> paired = (Map<String, Object>) r.get("pairedBootstrapModelMinus");
        if (paired != null) {
            md.append("\nModel minus each other ranker on the same held-out pairs, mean and 95 % paired-bootstrap "
                    + "interval (an interval containing 0: not distinguishable on this many pairs):\n\n");
            md.append("| other ranker | MRR | Hit@1 | Hit@10 |\n|---|---|---|---|\n");
            for (Map.Entry<String, Object> e : paired.entrySet()) {
                Map<String, Object> p = (Map<String, Object>) e.getValue();
                md.append(Messages.format("| %s | %s | %s | %s |%n", e.getKey(), ci(p, "mrr"), ci(p, "hit1"),
                        ci(p, "hit10")));
            }
        }
        Map<String, Object> ablation = (Map<String, Object>) r.get("ablation");
        if (ablation != null) {
            md.append("\n## Ablation: what each component earns\n\n").append(r.get("ablationNote")).append(".\n\n");
            md.append("| component | in the model | MRR, with − without | Hit@10 | AUROC vs non-indications | earns its "
                    + "place |\n|---|---|---|---|---|---|\n");
            for (Map.Entry<String, Object> e : ablation.entrySet()) {
                Map<String, Object> a = (Map<String, Object>) e.getValue();
                md.append(Messages.format("| %s | %s | %s | %s | %s | %s |%n", e.getKey(), a.get("inModel"),
                        ci(a, "mrr"), ci(a, "hit10"), ci(a, "aurocVsNonIndications"), a.get("earnsItsPlace")));
            }
        }
        Map<String, Object> zs = (Map<String, Object>) r.get("zeroShot");
        md.append(Messages.format("%n## Zero-shot diseases%n%n%s TREATS pairs of %s diseases whose every TREATS edge "
                + "was held out.%n%n", zs.get("pairs"), zs.get("diseases")));
        md.append("| ranker | MRR | Hit@1 | Hit@10 | Hit@100 | mean rank | AUROC vs non-indications | AUROC vs random |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        row(md, "**model**", zs);
        Map<String, Object> zsb = (Map<String, Object>) zs.get("baselines");
        for (Map.Entry<String, Object> e : zsb.entrySet()) {
            row(md, e.getKey(), (Map<String, Object>) e.getValue());
        }
        md.append(Messages.format("%n## Training%n%n- training time: %s s (embedding loop %s s), %s triples/s, "
                        + "device %s, %s training triples%n",
                fmt(r.get("trainSeconds")), fmt(r.get("kgeSeconds")), fmt(r.get("triplesPerSecond")),
                r.get("trainingDevice"), r.get("trainingTriples")));
        md.append("- validation (model selection): `").append(r.get("validation")).append("`\n");
        md.append("- ranker: `").append(r.get("ranker")).append("`\n");
        md.append("- metapath baseline identical to the ranker's metapath component: ")
                .append(r.get("metapathBaselineEqualsRankerComponent"))
                .append(evidence ? " (false is expected when the ranker's feature model is boosted trees: the "
                        + "baseline is Rephetio's logistic regression on the same features)" : "").append("\n");
        if (r.get("evidence") != null) {
            md.append("- evidence: `").append(r.get("evidence")).append("`\n");
        }
        Object latency = r.get("servingLatencyMs");
        if (latency != null) {
            md.append("- serving latency of `scoreAll` (ms): `").append(latency).append("`\n");
        }
        md.append(Messages.format("%n## Charts%n%n![ROC vs non-indications](%s)%n%n![ROC vs random non-edges](%s)"
                + "%n%n![Hit@k](%s)%n", roc, rocRandom, hits));
        md.append("\n## Per disease (held-out pairs)\n\n");
        md.append("| disease | name | zero-shot | held-out | known TREATS | model MRR | model Hit@10 | model best rank "
                + "| metapath MRR | embedding MRR | popularity MRR |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> d : (List<Map<String, Object>>) r.get("perDisease")) {
            Map<String, Object> m = (Map<String, Object>) d.get("model");
            md.append(Messages.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", d.get("disease"),
                    d.get("name"), d.get("zeroShot"), d.get("heldOutPairs"), d.get("knownTreats"), fmt(m.get("mrr")),
                    fmt(m.get("hit10")), fmt(m.get("bestRank")),
                    fmt(((Map<String, Object>) d.get("metapath")).get("mrr")),
                    fmt(((Map<String, Object>) d.get("kge")).get("mrr")),
                    fmt(((Map<String, Object>) d.get("popularity")).get("mrr"))));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Map<String, Object> m) {
        md.append(Messages.format("| %s | %s | %s | %s | %s | %s | %s | %s |%n", name, fmt(m.get("mrr")),
                fmt(m.get("hit1")), fmt(m.get("hit10")), fmt(m.get("hit100")), fmt(m.get("meanRank")),
                fmt(m.get("aurocVsNonIndications")), fmt(m.get("aurocVsRandom"))));
    }

    private static String ci(Map<String, Object> p, String name) {
        double[] ci = (double[]) p.get(name + "Ci95");
        return Messages.format("%+.3f [%+.3f, %+.3f]", (double) p.get(name + "Diff"), ci[0], ci[1]);
    }

    static String fmt(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) >= 10 ? Messages.format("%.1f", d) : Messages.format("%.3f", d);
        }
        if (v instanceof Float f) {
            return Messages.format("%.3f", f);
        }
        return String.valueOf(v);
    }
}
