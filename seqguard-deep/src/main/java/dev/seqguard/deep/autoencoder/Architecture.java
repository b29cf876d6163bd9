package dev.seqguard.deep.autoencoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer widths of a fitted autoencoder: {@code inputs → hidden... → latent → reversed hidden... → inputs}. Hidden
 * layers use ReLU; the latent code and the reconstruction are linear.
 *
 * @param inputs number of features
 * @param hidden encoder hidden widths, outermost first (the decoder mirrors them)
 * @param latent width of the code z
 */
public record Architecture(int inputs, List<Integer> hidden, int latent) {

    public Architecture {
        hidden = List.copyOf(hidden);
        if (inputs < 1 || latent < 1 || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("layer widths must be positive: inputs " + inputs + ", hidden " + hidden
                    + ", latent " + latent);
        }
    }

    /**
     * The configured widths for {@code inputs} features, with the code capped at half the input width (at least 1) so
     * that the network cannot learn the identity and must find the data's few directions of variation.
     */
    static Architecture of(int inputs, AutoencoderDetector.Config config) {
        return new Architecture(inputs, config.hiddenWidths(), Math.min(config.latent(), Math.max(1, inputs / 2)));
    }

    /** Output width of each linear layer in order: encoder hidden, latent, decoder hidden, reconstruction. */
    List<Integer> layerOutputs() {
        List<Integer> out = new ArrayList<>(hidden);
        out.add(latent);
        for (int i = hidden.size() - 1; i >= 0; i--) {
            out.add(hidden.get(i));
        }
        out.add(inputs);
        return out;
    }

    /** Whether linear layer {@code layer} (index into {@link #layerOutputs()}) is followed by ReLU (and dropout). */
    boolean activated(int layer) {
        return layer != hidden.size() && layer != 2 * hidden.size() + 1;
    }

    /** Index of the layer whose output is the code z. */
    int latentLayer() {
        return hidden.size();
    }
}
