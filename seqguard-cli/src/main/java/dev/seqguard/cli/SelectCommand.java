package dev.seqguard.cli;

import dev.seqguard.core.features.FeatureOptions;
import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.inject.InjectionConfig;
import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.io.TimeRule;
import dev.seqguard.core.labels.UserLabels;
import dev.seqguard.core.seq.SequenceOptions;
import dev.seqguard.core.seq.SequenceUnit;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.pipeline.PipelineOptions;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.threshold.ThresholdRule;
import dev.seqguard.eval.workflow.EventSelection;
import dev.seqguard.serving.StreamingOperatingPoint;
import dev.seqguard.eval.select.table.LabelFreeTableRun;
import dev.seqguard.eval.workflow.TableSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Runs many detectors on your data and picks the one that works.",
                "With --labels (user_id,label[,anomaly_type]; any subset of users) detectors are cross-validated on the"
                        + " labelled users; without labels they are validated on anomalies injected into your own"
                        + " data. Writes DIR/leaderboard.csv, scores.csv, event_scores.csv, explanations.csv,"
                        + " summary.json, report.html and the selected model in DIR/model.",
                "With --table FILE --label-column C: selection on a feature table, scored on a held-out test part"
                        + " (DIR/leaderboard.csv with test_roc_auc,test_pr_auc, and DIR/test_scores.csv)."})
final class SelectCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels for some users: user_id,label[,anomaly_type].")
    Path labels;

    @Option(names = "--table", paramLabel = "FILE", description = "A feature table (CSV with header) instead of an event log.")
    Path table;

    @Option(names = "--label-column", defaultValue = TableSelection.Options.DEFAULT_LABEL_COLUMN, description = "Label column of --table. Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--test-fraction", defaultValue = "" + TableSelection.Options.DEFAULT_TEST_FRACTION, description = "Held-out share of --table rows. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--label-free", description = "With --table: select without labels (synthetic anomalies generated"
            + " from the table validate unsupervised detectors; default iForest stays unless a rank-average of four"
            + " families, or a single detector by 0.05, wins on every kind); the label column only grades the"
            + " held-out test part. See docs/selection.md.")
    boolean labelFree;

    @Option(names = "--detectors", split = ",", paramLabel = "NAME",
            description = "Detectors to compare (default: all that can run, except the opt-in Transformer models).")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--deep", description = "Also compare the opt-in detectors (transformer-mlm; transformer-clf with"
            + " --labels): each fit takes tens of seconds, and selection fits each candidate several times.")
    boolean deep;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for folds, detectors and self-injection. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threshold", paramLabel = "RULE",
            description = "contamination:Q, fixed:V, adaptive[:RISK], f1, cost:FP:FN. Default: f1 with labels, adaptive without.")
    String threshold;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds over labelled users. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--ensemble", defaultValue = "3", description = "Rank-average the best N detectors as one more candidate (0 = off). Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--unit", defaultValue = "user", description = "Scored unit: user or session. Default: ${DEFAULT-VALUE}.")
    String unit;

    @Option(names = "--session-gap", defaultValue = "30m", description = "Inactivity gap that ends a session (s, m, h). Default: ${DEFAULT-VALUE}.")
    String sessionGap;

    @Option(names = "--synthetic-repeats", defaultValue = "3", description = "Label-free mode: self-injected validation sets. Default: ${DEFAULT-VALUE}.")
    int syntheticRepeats;

    @Option(names = "--synthetic-rate", defaultValue = "0.05", description = "Label-free mode: injected share of users. Default: ${DEFAULT-VALUE}.")
    double syntheticRate;

    @Option(names = "--synthetic-types", defaultValue = "all",
            description = "Kinds SeqGuard injects into your data to validate without labels and to augment supervised"
                    + " detectors: farming, crawler, adfraud, takeover, promo, misclick, or all. Default: ${DEFAULT-VALUE}.")
    String syntheticTypes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        SelectionOptions options;
        try {
            if (deep && !detectors.isEmpty()) {
                throw new IllegalArgumentException("--deep adds the opt-in detectors to the default set; with --detectors,"
                        + " name them instead (e.g. --detectors iforest,transformer-mlm)");
            }
            if (deep) {
                detectors = DetectorRegistry.all().stream().filter(d -> d.info().family() != Family.ENSEMBLE)
                        .map(Detector::name).toList();
            }
            options = new SelectionOptions(detectors, folds, seed, ensemble, threshold, 5, syntheticRepeats);
            // fail on a mistyped option before reading a large file
            detectors.forEach(DetectorRegistry::get);
            if (threshold != null) {
                ThresholdRule.parse(threshold);
            }
            syntheticTypeSet();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (labelFree && table == null) {
            throw new UserInputException("--label-free needs --table (event logs are label-free without --labels)");
        }
        return table != null ? runTable() : runEvents(options);
    }

    private int runEvents(SelectionOptions selection) throws IOException {
        EventSelection.Options options = new EventSelection.Options(pipelineOptions(), selection, syntheticRate,
                syntheticTypeSet());
        IngestResult in = input.readAll(out.resolve("quarantine.csv"));
        InputOptions.printSummary(in.summary(), System.err);
        if (in.events().isEmpty()) {
            throw new UserInputException("no event of " + input.events() + " was accepted; see " + out.resolve("quarantine.csv"));
        }
        UserLabels userLabels = labels == null ? UserLabels.none() : UserLabels.read(labels);
        userLabels.problems().forEach(p -> System.err.println("labels: " + p));
        EventSelection.Result r;
        try (Progress progress = Progress.start("select", 20)) {
            r = progress.training(() -> EventSelection.run(options, in, userLabels, out, new EventSelection.Listener() {
                @Override
                public void prepared(DetectionData data) {
                    System.err.printf("%,d sequences x %d features; %d labelled%n", data.size(),
                            data.features().columns(), data.labelledCount());
                }

                @Override
                public void step(String what) {
                    progress.step(what);
                }

                @Override
                public void calibrated(StreamingOperatingPoint point) {
                    System.err.printf(Locale.ROOT, "streaming operating point: %s%n", point);
                }
            }));
        }
        LeaderboardPrinter.print(r.selection(), null, System.out);
        System.out.printf(Locale.ROOT, "threshold %.4g (%s): %d of %d %s flagged%n", r.selection().threshold(),
                r.selection().thresholdRule(), r.run().flaggedCount(), r.data().size(),
                EventSelection.unitName(options.pipeline()) + "s");
        if (r.selection().labelFree() != null) {
            System.out.printf(Locale.ROOT, "expected flagged without labels: %d (range %d..%d)%n",
                    r.selection().labelFree().operatingPoint().expected(), r.selection().labelFree().operatingPoint().low(),
                    r.selection().labelFree().operatingPoint().high());
        }
        System.out.println("wrote " + out.toAbsolutePath() + "/{leaderboard.csv,scores.csv,event_scores.csv,explanations.csv,summary.json,report.html,model/}");
        return SeqGuard.EXIT_OK;
    }

    private int runTable() throws IOException {
        TableSelection.Options options;
        try {
            options = TableSelection.Options.of(table, new SelectionOptions(detectors, folds, seed, ensemble, threshold,
                            TableSelection.Options.MIN_LABELS_PER_CLASS, syntheticRepeats))
                    .withLabelColumn(labelColumn).withTestFraction(testFraction);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--test-fraction must be in (0, 1), got " + testFraction);
        }
        if (labelFree) {
            LabelFreeTableRun.Outcome o;
            try {
                o = TableSelection.runLabelFree(options, out, splitPrinter(null));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            LabelFreeTableRun.print(o, System.out);
            return SeqGuard.EXIT_OK;
        }
        TableSelection.Result r = selectTable(options, out);
        LeaderboardPrinter.print(r.selection(), r.testMetrics(), System.out);
        return SeqGuard.EXIT_OK;
    }

    /** Table selection with the CLI's stderr lines (rejected rows, the split) and progress bar. */
    static TableSelection.Result selectTable(TableSelection.Options options, Path out) throws IOException {
        try (Progress progress = Progress.start("select", 20)) {
            return progress.training(() -> TableSelection.run(options, out, splitPrinter(progress)));
        }
    }

    /** The CLI's stderr lines for a table (rejected rows, the split) and, with a bar, its steps. */
    private static TableSelection.Listener splitPrinter(Progress progress) {
        return new TableSelection.Listener() {
            @Override
            public void split(TableSelection.Split s) {
                s.rejected().forEach(r -> System.err.println("rejected line " + r.line() + ": " + r.reason()));
                System.err.printf("%s: %d rows x %d features; train %d, test %d%n", s.table().getFileName(),
                        s.rows(), s.features(), s.trainRows(), s.testRows());
            }

            @Override
            public void step(String what) {
                if (progress != null) {
                    progress.step(what);
                }
            }
        };
    }

    private PipelineOptions pipelineOptions() {
        Duration gap;
        try {
            gap = TimeRule.parseDuration(sessionGap);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--session-gap: " + e.getMessage());
        }
        SequenceOptions seq = switch (unit.toLowerCase(Locale.ROOT)) {
            case "user" -> new SequenceOptions(SequenceUnit.USER, gap.toMillis(), false);
            case "session" -> SequenceOptions.sessions(gap.toMillis());
            default -> throw new UserInputException("--unit must be user or session, got '" + unit + "'");
        };
        return new PipelineOptions(seq, FeatureOptions.defaults());
    }

    private Set<AnomalyType> syntheticTypeSet() {
        try {
            return InjectionConfig.parseTypes(syntheticTypes);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--synthetic-types: " + e.getMessage());
        }
    }
}
