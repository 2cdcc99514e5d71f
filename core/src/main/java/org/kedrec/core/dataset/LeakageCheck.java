package org.kedrec.core.dataset;

import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;

/**
 * Checks that no example reveals a held-out answer through its evidence:
 *
 * <ol>
 *   <li>no path uses a TREATS edge whose pair is held out (validation, test or zero-shot), in an example of any
 *       split: examples only ever show the training graph, so a model trained on them never sees a held-out edge
 *       and test inputs look like training inputs;
 *   <li>no path uses the example's own TREATS edge (the relevant drug treating the disease), under any
 *       candidate: that would hand the answer to the student.
 * </ol>
 *
 * The dataset build fails when this finds anything; it reads only the examples, so it can also vet a JSONL
 * file written by anyone.
 */
public final class LeakageCheck {
    /** One leak: which example, which evidence slot, which edge, and why it is forbidden. */
    public record Failure(String example, String split, String slot, String edge, String reason) {
        @Override
        public String toString() {
            return Messages.format("%s (%s) %s uses %s: %s", example, split, slot, edge, reason);
        }
    }

    private LeakageCheck() {}

    public static List<Failure> check(Iterable<ExpRxRecExample> examples, SplitPlan plan) {
        List<Failure> failures = new ArrayList<>();
        for (ExpRxRecExample example : examples) {
            String own = example.label() >= 0 && example.label() < example.candidates().size()
                    ? example.candidates().get(example.label()).id() + "|" + example.disease().id()
                    : null;
            for (EvidenceItem item : example.evidence()) {
                if (item.kind() != EvidenceKind.PATH) {
                    continue;
                }
                for (String edge : treatsEdges(item)) {
                    if (edge.equals(own)) {
                        failures.add(new Failure(example.id(), example.split(), item.slot(), "TREATS " + edge,
                                "the example's own positive edge"));
                        continue;
                    }
                    int bar = edge.indexOf('|');
                    PairSplit split = plan.splitOf(edge.substring(0, bar), edge.substring(bar + 1));
                    if (split.heldOut()) {
                        failures.add(new Failure(example.id(), example.split(), item.slot(), "TREATS " + edge,
                                "a held-out edge (split " + split.label() + ")"));
                    }
                }
            }
        }
        return failures;
    }

    /** The TREATS edges of a path item as {@code "drug|disease"}. */
    static List<String> treatsEdges(EvidenceItem item) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < item.rels().size(); i++) {
            if ("TREATS".equals(item.rels().get(i))) {
                boolean forward = item.directions().get(i);
                String a = item.nodes().get(i);
                String b = item.nodes().get(i + 1);
                out.add(forward ? a + "|" + b : b + "|" + a);
            }
        }
        return out;
    }
}
