package dev.seqguard.deep.autoencoder;

/**
 * How a fit went.
 *
 * @param epochs         epochs run (fewer than configured when early stopping ended the fit)
 * @param bestEpoch      the epoch whose weights were kept: the one with the lowest validation loss
 * @param trainLoss      mean training loss in that epoch (with dropout)
 * @param validationLoss loss on the validation split after that epoch (no dropout)
 */
public record TrainingSummary(int epochs, int bestEpoch, double trainLoss, double validationLoss) {
}
