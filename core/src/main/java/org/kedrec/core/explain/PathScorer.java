package org.kedrec.core.explain;

import java.util.List;
import org.kedrec.core.Messages;

/**
 * Scores a path by its degree-weighted path-degree product, the per-path term of Project Rephetio's DWPC
 * (Himmelstein et al., eLife 2017): for every relationship {@code u -[r]- v} on the path, multiply
 * {@code (D(u, r) * D(v, r))^-w}, where {@code D(x, r)} is the number of relationships of the same metaedge
 * (type, direction and label at the other end) at {@code x}, and {@code w = 0.4} as in Rephetio.
 *
 * <p>So a path through hubs (a gene bound by hundreds of drugs, a disease associated with hundreds of genes) scores
 * low and a path through specific nodes scores high; a longer path multiplies more factors below one, so it
 * usually scores below a shorter one. Scores are comparable across metapaths of the same length and favour
 * short explanations otherwise, which is what a reader wants first. DWPC sums these terms over all paths of a
 * metapath; ranking single paths by their own term picks the paths that contribute most to it.
 */
public final class PathScorer {
    /** Rephetio's damping exponent. */
    public static final double DAMPING = 0.4;

    private PathScorer() {}

    /** The path-degree product for degrees listed as (drug side, disease side) per relationship. */
    public static double pathDegreeProduct(List<? extends Number> degrees, double damping) {
        if (degrees.isEmpty() || degrees.size() % 2 != 0) {
            throw new IllegalArgumentException(Messages.format(
                    "A path needs two degrees per relationship but got %d: %s.", degrees.size(), degrees));
        }
        double score = 1.0;
        for (int i = 0; i < degrees.size(); i += 2) {
            double du = Math.max(1, degrees.get(i).doubleValue());
            double dv = Math.max(1, degrees.get(i + 1).doubleValue());
            score *= Math.pow(du * dv, -damping);
        }
        return score;
    }

    public static double pathDegreeProduct(List<? extends Number> degrees) {
        return pathDegreeProduct(degrees, DAMPING);
    }
}
