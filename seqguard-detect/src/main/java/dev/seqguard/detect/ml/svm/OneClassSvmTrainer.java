package dev.seqguard.detect.ml.svm;

import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/** Trains libsvm's one-class ν-SVM (Chang and Lin 2011, "LIBSVM") with an RBF kernel on dense rows. */
public final class OneClassSvmTrainer {
    private static final double CACHE_MB = 100;

    private OneClassSvmTrainer() {
    }

    /**
     * @param rows      training rows, one width
     * @param nu        upper bound on the fraction of training outliers, in (0, 1]
     * @param gamma     RBF width, positive
     * @param tolerance libsvm's stopping tolerance
     */
    public static svm_model train(double[][] rows, double nu, double gamma, double tolerance) {
        svm_problem problem = new svm_problem();
        problem.l = rows.length;
        problem.y = new double[rows.length];
        problem.x = new svm_node[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            problem.y[i] = 1;
            problem.x[i] = nodes(rows[i]);
        }
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.ONE_CLASS;
        p.kernel_type = svm_parameter.RBF;
        p.gamma = gamma;
        p.nu = nu;
        p.eps = tolerance;
        p.cache_size = CACHE_MB;
        p.shrinking = 1;
        p.probability = 0;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        String error = svm.svm_check_parameter(problem, p);
        if (error != null) {
            throw new IllegalArgumentException("libsvm rejected the one-class SVM parameters: " + error);
        }
        // libsvm reports progress through one static printer that defaults to System.out, and other code (Tribuo)
        // may reset it: mute libsvm, and only libsvm, right before each training run.
        svm.svm_set_print_string_function(s -> {
        });
        return svm.svm_train(problem, p);
    }

    /** A dense row as libsvm nodes, indices from 1. */
    public static svm_node[] nodes(double[] row) {
        svm_node[] out = new svm_node[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = new svm_node();
            out[j].index = j + 1;
            out[j].value = row[j];
        }
        return out;
    }
}
