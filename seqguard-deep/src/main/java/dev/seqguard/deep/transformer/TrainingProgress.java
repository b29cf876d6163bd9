package dev.seqguard.deep.transformer;

/**
 * Hears how training goes, so a caller can draw a progress bar; library code never prints. Every method defaults to
 * doing nothing. Calls come from the fitting thread, in order.
 */
public interface TrainingProgress {

    /** Does nothing. */
    TrainingProgress NONE = new TrainingProgress() {
    };

    /**
     * A training phase begins.
     *
     * @param phase         {@code "pre-train"} (masked or next-event prediction) or {@code "fine-tune"} (classifier)
     * @param epochs        at most this many epochs (early stopping may end sooner)
     * @param stepsPerEpoch optimiser steps in one epoch
     */
    default void phaseStarted(String phase, int epochs, int stepsPerEpoch) {
    }

    /** One optimiser step finished; {@code loss} is that batch's training loss. */
    default void step(int epoch, int step, double loss) {
    }

    /**
     * An epoch finished.
     *
     * @param validationLoss the loss on the held-out users, or {@link Double#NaN} when there are none
     */
    default void epochFinished(int epoch, double trainLoss, double validationLoss) {
    }
}
