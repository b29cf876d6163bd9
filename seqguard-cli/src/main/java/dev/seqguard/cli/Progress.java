package dev.seqguard.cli;

import dev.seqguard.deep.TrainingProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for long work: a bar on an interactive terminal, silence in CI or when output is piped (so logs and
 * scripts see only results). The bar appears with the first step, so what the work prints before it (e.g. how
 * much data it read) stays above the bar.
 */
final class Progress implements AutoCloseable {
    private final String task;
    private final long total;
    private final boolean shown;
    private ProgressBar bar;

    private Progress(String task, long total, boolean shown) {
        this.task = task;
        this.total = total;
        this.shown = shown;
    }

    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    static Progress start(String task, long total) {
        return new Progress(task, total, interactive());
    }

    private synchronized ProgressBar bar() {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                            new PrintStream(System.err, true))).build();
        }
        return bar;
    }

    void step(String what) {
        if (shown) {
            bar().setExtraMessage(what);
            bar().step();
        }
    }

    /**
     * Runs {@code work} with deep detectors' training epochs shown beside the bar
     * ({@code autoencoder epoch 12/100 loss 0.231 val 0.244}); the bar's count is left to {@link #step}.
     */
    <T> T training(Work<T> work) throws IOException {
        if (!shown) {
            return work.run();
        }
        Supplier<T> unchecked = () -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try {
            return TrainingProgress.with((detector, epoch, maxEpochs, trainLoss, validationLoss) ->
                    bar().setExtraMessage(String.format(Locale.ROOT, "%s epoch %d/%d loss %.4g val %.4g", detector, epoch,
                            maxEpochs, trainLoss, validationLoss)), unchecked);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Work that may fail reading or writing files. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    void stepTo(long n) {
        if (shown) {
            bar().stepTo(n);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
