package dev.seqguard.deep;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where deep detectors report training progress, one call per finished epoch. Library code never prints: the CLI
 * installs a listener that drives its progress bar, for the current thread only, around the work it starts.
 * Listeners must be cheap and must not throw.
 */
@FunctionalInterface
public interface TrainingProgress {

    /** Reports nothing; what {@link #current()} returns when no listener is installed. */
    TrainingProgress NONE = (detector, epoch, maxEpochs, trainLoss, validationLoss) -> { };

    /**
     * An epoch finished.
     *
     * @param detector       registry name of the detector training
     * @param epoch          1-based number of the finished epoch
     * @param maxEpochs      the most epochs this fit will run (early stopping may end it sooner)
     * @param trainLoss      mean training loss over the epoch
     * @param validationLoss mean loss on the validation split, {@link Double#NaN} when there is none
     */
    void epoch(String detector, int epoch, int maxEpochs, double trainLoss, double validationLoss);

    /** The listener installed on this thread by {@link #with}, else {@link #NONE}. */
    static TrainingProgress current() {
        return Holder.CURRENT.get();
    }

    /** Runs {@code work} on this thread with {@code listener} as {@link #current()}, then restores the previous one. */
    static <T> T with(TrainingProgress listener, Supplier<T> work) {
        Objects.requireNonNull(listener, "listener");
        TrainingProgress previous = Holder.CURRENT.get();
        Holder.CURRENT.set(listener);
        try {
            return work.get();
        } finally {
            Holder.CURRENT.set(previous);
        }
    }

    /** Keeps the thread-local out of the interface's public surface. */
    final class Holder {
        private static final ThreadLocal<TrainingProgress> CURRENT = ThreadLocal.withInitial(() -> NONE);

        private Holder() {
        }
    }
}
