package org.kedrec.trainer.ranking.eval;

import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;

/** The Markdown form of a {@code --split polo} report: ours beside REx's published runs, baselines, ablation. */
final class PoloMarkdownReport {
    private PoloMarkdownReport() {}

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r) {
        StringBuilder md = new StringBuilder();
        md.append("# Ranker on the PoLo/REx treats split\n\n");
        md.append(Messages.format("Model: %s (%s). %s test pairs, %s dev pairs; %s diseases and %s compounds ranked, "
                + "filtered (every other known TREATS pair removed from the candidates).%n%n", r.get("model"),
                r.get("setting"), r.get("testPairs"), r.get("devPairs"), r.get("diseasesRanked"),
                r.get("compoundsRanked")));
        md.append("**Graph:** ").append(r.get("graph")).append(". The comparison with REx is therefore not like for "
                + "like: REx saw the full graph, we see a truncated one plus (in the KG + evidence setting) the "
                + "trials, literature and DrugBank properties.\n\n");
        md.append("## Compound → disease (as PoLo and REx report it)\n\n");
        md.append("| ranker | MRR [95 % CI] | Hits@1 | Hits@3 | Hits@10 |\n|---|---|---|---|---|\n");
        row(md, "**model**", (Map<String, Object>) r.get("compoundToDisease"));
        Map<String, Object> baselines = (Map<String, Object>) r.get("baselines");
        for (Map.Entry<String, Object> b : baselines.entrySet()) {
            row(md, "baseline: " + b.getKey(), (Map<String, Object>) ((Map<String, Object>) b.getValue())
                    .get("compoundToDisease"));
        }
        Map<String, Object> published = (Map<String, Object>) r.get("published");
        for (Map.Entry<String, Object> p : published.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) p.getValue();
            md.append(Messages.format("| published: %s, full Hetionet | %.3f | %.3f | – | %.3f |%n", p.getKey(),
                    m.get("mrr"), m.get("hits1"), m.get("hits10")));
        }
        md.append("\n## Disease → compound (as our users ask it)\n\n");
        md.append("| ranker | MRR [95 % CI] | Hits@1 | Hits@3 | Hits@10 |\n|---|---|---|---|---|\n");
        row(md, "**model**", (Map<String, Object>) r.get("diseaseToCompound"));
        for (Map.Entry<String, Object> b : baselines.entrySet()) {
            row(md, "baseline: " + b.getKey(), (Map<String, Object>) ((Map<String, Object>) b.getValue())
                    .get("diseaseToCompound"));
        }
        md.append("\n## AUROC and AUPRC (test pairs against negatives)\n\n");
        md.append("| ranker | AUROC vs non-indications | AUROC vs random pairs | AUPRC vs non-indications | "
                + "AUPRC vs random pairs |\n|---|---|---|---|---|\n");
        auc(md, "**model**", r);
        for (Map.Entry<String, Object> b : baselines.entrySet()) {
            auc(md, "baseline: " + b.getKey(), (Map<String, Object>) b.getValue());
        }
        md.append(Messages.format("%n%s physician-labelled non-indications (PharmacotherapyDB), %s random pairs "
                + "(no known TREATS or PALLIATES edge).%n", r.get("nonIndications"), r.get("randomPairs")));
        md.append("\n## Ablation (compound → disease MRR with the component minus without it)\n\n");
        md.append("| component | features | C→D MRR difference [95 % CI] | D→C MRR difference [95 % CI] | "
                + "C→D MRR without it | earns its place |\n|---|---|---|---|---|---|\n");
        Map<String, Object> ablation = (Map<String, Object>) r.get("ablation");
        for (Map.Entry<String, Object> a : ablation.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) a.getValue();
            double[] ci = (double[]) m.get("mrrCi95");
            Map<String, Object> without = (Map<String, Object>) m.get("withoutIt");
            Map<String, Object> d2c = (Map<String, Object>) m.get("diseaseToCompound");
            double[] ci2 = (double[]) d2c.get("mrrCi95");
            String label = Boolean.FALSE.equals(m.get("inModel")) ? a.getKey() + " (not in the model: added)"
                    : a.getKey();
            md.append(Messages.format("| %s | %s | %+.3f [%+.3f, %+.3f] | %+.3f [%+.3f, %+.3f] | %.3f | %s |%n",
                    label, String.join(", ", (List<String>) m.get("removed")), m.get("mrrDiff"), ci[0], ci[1],
                    d2c.get("mrrDiff"), ci2[0], ci2[1],
                    without.get("compoundToDiseaseMrr"), Boolean.TRUE.equals(m.get("earnsItsPlace")) ? "yes" : "no"));
        }
        md.append("\n").append(r.get("ablationNote")).append(".\n");
        md.append(Messages.format("%nTraining: %s s. Evaluated in %.0f s.%n", r.get("trainSeconds"),
                r.get("evalSeconds")));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Map<String, Object> m) {
        double[] ci = (double[]) m.get("mrrCi95");
        md.append(Messages.format("| %s | %.3f [%.3f, %.3f] | %.3f | %.3f | %.3f |%n", name, m.get("mrr"), ci[0], ci[1],
                m.get("hits1"), m.get("hits3"), m.get("hits10")));
    }

    @SuppressWarnings("unchecked")
    private static void auc(StringBuilder md, String name, Map<String, Object> m) {
        Map<String, Object> roc = (Map<String, Object>) m.get("auroc");
        Map<String, Object> pr = (Map<String, Object>) m.get("auprc");
        md.append(Messages.format("| %s | %.3f | %.3f | %.3f | %.4f |%n", name, roc.get("vsNonIndications"),
                roc.get("vsRandom"), pr.get("vsNonIndications"), pr.get("vsRandom")));
    }
}
