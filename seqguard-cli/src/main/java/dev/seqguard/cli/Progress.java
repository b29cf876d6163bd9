package dev.seqguard.cli;

import dev.seqguard.deep.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for long work: a bar on an interactive terminal, silence in CI or when output is piped (so logs and
 * scripts see only results).
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    static Progress start(String task, long total) {
        if (!interactive()) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                        new PrintStream(System.err, true))).build();
        return new Progress(bar);
    }

    void step(String what) {
        if (bar != null) {
            bar.setExtraMessage(what);
            bar.step();
        }
    }

    /**
     * Runs {@code work} with deep detectors' training epochs shown beside the bar
     * ({@code autoencoder epoch 12/100 loss 0.231 val 0.244}); the bar's count is left to {@link #step}.
     */
    <T> T training(Supplier<T> work) {
        if (bar == null) {
            return work.get();
        }
        return TrainingProgress.with((detector, epoch, maxEpochs, trainLoss, validationLoss) ->
                bar.setExtraMessage(String.format(Locale.ROOT, "%s epoch %d/%d loss %.4g val %.4g", detector, epoch,
                        maxEpochs, trainLoss, validationLoss)), work);
    }

    void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
