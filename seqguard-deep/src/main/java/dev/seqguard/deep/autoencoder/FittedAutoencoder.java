package dev.seqguard.deep.autoencoder;

import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Explanation.Contribution;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * A trained autoencoder: everything needed to rebuild it, the weights as bytes ({@link dev.seqguard.deep.BlockWeights}
 * format, base64 in the model JSON). The network is decoded on first use, once per weights array, under a lock, so
 * loading a model stays cheap and concurrent scorers share one decoded network.
 *
 * <p>Score of a row: the mean over features of the squared difference between the scaled row and its
 * reconstruction. Explanation: the features with the largest squared reconstruction error.
 *
 * @param input        what the network sees of a row: robust scaling learnt on the training rows, maybe squashed
 * @param architecture the layer widths the weights belong to
 * @param weights      the trained parameters
 * @param training     how the fit went (epochs, kept epoch, losses)
 */
public record FittedAutoencoder(Provenance provenance, AutoencoderDetector.Config config, InputTransform input,
                                Architecture architecture, byte[] weights, TrainingSummary training)
        implements FittedDetector {

    /** Decoded networks by weights array identity; entries go when their fitted model is collected. */
    private static final Map<byte[], DenseNetwork> NETWORKS = Collections.synchronizedMap(new WeakHashMap<>());

    public FittedAutoencoder {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(training, "training");
        if (input.scaler().dimension() != architecture.inputs()) {
            throw new IllegalArgumentException("the scaler has " + input.scaler().dimension()
                    + " features but the network " + architecture.inputs());
        }
        weights = Objects.requireNonNull(weights, "weights").clone();
    }

    /** A copy of the trained parameters. */
    @Override
    public byte[] weights() {
        return weights.clone();
    }

    @Override
    public double[] score(DetectionData data) {
        DataChecks.requireColumns(data, architecture.inputs(), AutoencoderDetector.NAME);
        DenseNetwork network = network();
        double[][] rows = data.features().values();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] error = errors(network, rows[i]);
            out[i] = Arrays.stream(error).sum() / error.length;
        }
        return out;
    }

    @Override
    public Explanation explain(DetectionData data, int row) {
        DataChecks.requireColumns(data, architecture.inputs(), AutoencoderDetector.NAME);
        if (row < 0 || row >= data.size()) {
            throw new IllegalArgumentException("row " + row + " is outside 0.." + (data.size() - 1));
        }
        double[] x = data.features().row(row);
        double[] error = errors(network(), x);
        List<Contribution> contributions = new ArrayList<>();
        for (int j = 0; j < error.length; j++) {
            if (error[j] > 0) {
                contributions.add(new Contribution(data.features().names().get(j), x[j], error[j]));
            }
        }
        contributions.sort(Comparator.comparingDouble(Contribution::weight).reversed());
        return new Explanation(Arrays.stream(error).sum() / error.length, contributions);
    }

    /** Squared reconstruction error of each feature of one raw row. */
    private double[] errors(DenseNetwork network, double[] raw) {
        double[] x = input.apply(raw);
        double[] reconstruction = network.reconstruct(x);
        double[] error = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double d = x[j] - reconstruction[j];
            error[j] = d * d;
        }
        return error;
    }

    private DenseNetwork network() {
        return NETWORKS.computeIfAbsent(weights, w -> DenseNetwork.decode(architecture, w));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedAutoencoder f && provenance.equals(f.provenance) && config.equals(f.config)
                && input.equals(f.input) && architecture.equals(f.architecture) && Arrays.equals(weights, f.weights)
                && training.equals(f.training);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provenance, config, input, architecture, training) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "FittedAutoencoder[" + architecture + ", " + training + ", " + weights.length + " bytes of weights]";
    }
}
