package dev.seqguard.detect.ml.svm;

import libsvm.svm_model;
import libsvm.svm_node;

/**
 * The decision function of a trained one-class SVM with RBF kernel,
 * {@code f(x) = Σᵢ αᵢ·exp(−γ‖x − svᵢ‖²) − ρ}: positive inside the learnt support, negative outside
 * (Schölkopf et al. 2001, "Estimating the support of a high-dimensional distribution"). Plain arrays, so it
 * saves as JSON and evaluates without libsvm; the sums run in libsvm's order, so values equal
 * {@code svm_predict_values} bit for bit.
 *
 * @param gamma          kernel width γ
 * @param rho            offset ρ
 * @param coefficients   αᵢ per support vector
 * @param supportVectors the support vectors, dense
 */
public record RbfDecision(double gamma, double rho, double[] coefficients, double[][] supportVectors) {

    public RbfDecision {
        if (coefficients.length != supportVectors.length) {
            throw new IllegalArgumentException(coefficients.length + " coefficients but " + supportVectors.length
                    + " support vectors");
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be positive and finite, got " + gamma);
        }
    }

    /** Reads the decision function out of a libsvm one-class model trained on dense {@code dimension}-wide rows. */
    public static RbfDecision of(svm_model model, int dimension) {
        double[][] sv = new double[model.l][dimension];
        for (int i = 0; i < model.l; i++) {
            for (svm_node node : model.SV[i]) {
                sv[i][node.index - 1] = node.value;
            }
        }
        return new RbfDecision(model.param.gamma, model.rho[0], model.sv_coef[0].clone(), sv);
    }

    /** {@code f(x)}; {@code x} in the space the SVM was trained in. */
    public double value(double[] x) {
        double sum = 0;
        for (int i = 0; i < supportVectors.length; i++) {
            double[] s = supportVectors[i];
            double squared = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - s[j];
                squared += d * d;
            }
            sum += coefficients[i] * Math.exp(-gamma * squared);
        }
        return sum - rho;
    }
}
