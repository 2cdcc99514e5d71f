package org.kedrec.trainer.ranking.paths;

import org.kedrec.core.Messages;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features; small (tens of features) and exact, which is all the metapath model and the combiner
 * need. The intercept is not penalised.
 */
public final class LogisticRegression {
    private final double[] mean;
    private final double[] std;
    private final double[] weights; // on standardised features
    private final double intercept;

    private LogisticRegression(double[] mean, double[] std, double[] weights, double intercept) {
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.intercept = intercept;
    }

    /**
     * Fits {@code P(y=1 | x)} on rows {@code x[i]} with labels {@code y[i]} and sample weights {@code w[i]}
     * (null = 1), minimising the weighted log-loss plus {@code l2 / 2 * |beta|^2}.
     */
    public static LogisticRegression fit(float[][] x, boolean[] y, double[] w, double l2) {
        int n = x.length;
        if (n == 0 || n != y.length) {
            throw new IllegalArgumentException(Messages.format(
                    "Logistic regression needs one label per row but got %d rows and %d labels.", n, y.length));
        }
        int p = x[0].length;
        double[] mean = new double[p];
        double[] std = new double[p];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            total += wi;
            for (int j = 0; j < p; j++) {
                mean[j] += wi * x[i][j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= total;
        }
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            for (int j = 0; j < p; j++) {
                double d = x[i][j] - mean[j];
                std[j] += wi * d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            std[j] = Math.sqrt(std[j] / total);
            if (!(std[j] > 1e-12)) {
                std[j] = Double.POSITIVE_INFINITY; // a constant feature contributes nothing
            }
        }
        int q = p + 1; // beta[0] = intercept
        double[] beta = new double[q];
        double[] z = new double[q];
        z[0] = 1;
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[q];
            double[][] hess = new double[q][q];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    z[j + 1] = (x[i][j] - mean[j]) / std[j];
                }
                double eta = 0;
                for (int j = 0; j < q; j++) {
                    eta += beta[j] * z[j];
                }
                double mu = sigmoid(eta);
                double wi = w == null ? 1 : w[i];
                double r = wi * ((y[i] ? 1 : 0) - mu);
                double h = wi * mu * (1 - mu);
                for (int j = 0; j < q; j++) {
                    grad[j] += r * z[j];
                    double hz = h * z[j];
                    for (int k = 0; k <= j; k++) {
                        hess[j][k] += hz * z[k];
                    }
                }
            }
            for (int j = 1; j < q; j++) {
                grad[j] -= l2 * beta[j];
                hess[j][j] += l2;
            }
            for (int j = 0; j < q; j++) {
                for (int k = j + 1; k < q; k++) {
                    hess[j][k] = hess[k][j];
                }
                hess[j][j] += 1e-9; // keeps the system solvable when a feature is constant
            }
            double[] delta = solve(hess, grad);
            double change = 0;
            for (int j = 0; j < q; j++) {
                beta[j] += delta[j];
                change = Math.max(change, Math.abs(delta[j]));
            }
            if (change < 1e-7) {
                break;
            }
        }
        double[] weights = new double[p];
        System.arraycopy(beta, 1, weights, 0, p);
        return new LogisticRegression(mean, std, weights, beta[0]);
    }

    /** The logit of one row. */
    public double logit(float[] x) {
        double eta = intercept;
        for (int j = 0; j < weights.length; j++) {
            eta += weights[j] * (x[j] - mean[j]) / std[j];
        }
        return eta;
    }

    public double probability(float[] x) {
        return sigmoid(logit(x));
    }

    /** The weights on standardised features (comparable between features). */
    public double[] standardizedWeights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** The weight of feature {@code j} on its raw scale, and the intercept on the raw scale. */
    public double rawWeight(int j) {
        return Double.isInfinite(std[j]) ? 0 : weights[j] / std[j];
    }

    public double rawIntercept() {
        double b = intercept;
        for (int j = 0; j < weights.length; j++) {
            b -= rawWeight(j) * mean[j];
        }
        return b;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** Solves a symmetric positive-definite system by Cholesky decomposition (Newton steps of small models). */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(sum, 1e-12));
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
