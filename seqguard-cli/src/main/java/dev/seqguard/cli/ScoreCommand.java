package dev.seqguard.cli;

import dev.seqguard.core.io.IngestResult;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.eval.output.EventScoring;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.eval.output.ScoreFiles;
import dev.seqguard.eval.output.ScoredRun;
import dev.seqguard.detect.pipeline.PreparedData;
import dev.seqguard.detect.pipeline.Preparation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Applies a saved selection (DIR/model from `select`) to new events.",
                "Writes OUT/scores.csv, event_scores.csv, explanations.csv, summary.json and quarantine.csv."})
final class ScoreCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by select.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ModelDirectory saved = ModelDirectory.load(model);
        if (saved.selection().pipeline() == null) {
            throw new UserInputException(model + " was selected on a feature table, not on events; it cannot score an event log");
        }
        IngestResult in = input.readAll(out.resolve("quarantine.csv"));
        InputOptions.printSummary(in.summary(), System.err);
        if (in.events().isEmpty()) {
            throw new UserInputException("no event of " + input.events() + " was accepted; see " + out.resolve("quarantine.csv"));
        }
        Preparation prep = new Preparation(saved.selection().pipeline());
        if (!prep.featureNames().equals(saved.selection().featureNames())) {
            throw new UserInputException("the model was fitted on other features than this SeqGuard computes; re-run select");
        }
        PreparedData prepared = prep.prepare(in.events());
        DetectionData data = prepared.detectionData(null);
        double[] scores = saved.detector().score(data);
        double[][] events = EventScoring.score(saved.detector(), saved.eventDetector(), data);
        ScoredRun run = new ScoredRun(data, saved.detector(), scores, saved.selection().threshold(), events,
                saved.eventDetector() == null ? saved.detector().name() : saved.eventDetector().name());
        ScoreFiles.writeScores(run, out.resolve(ScoreFiles.SCORES));
        ScoreFiles.writeEventScores(run, out.resolve(ScoreFiles.EVENT_SCORES));
        ScoreFiles.writeExplanations(run, out.resolve(ScoreFiles.EXPLANATIONS));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", in.summary().source());
        s.put("rows_read", in.summary().read());
        s.put("rows_accepted", in.summary().accepted());
        s.put("rows_quarantined", in.summary().quarantined());
        s.put("sequences", data.size());
        s.put("detector", saved.selection().detector());
        s.put("threshold", saved.selection().threshold());
        s.put("flagged", run.flaggedCount());
        s.put("model", model.toString());
        s.put("model_seed", saved.selection().seed());
        ModelIO.writeIndentedJson(s, out.resolve("summary.json"));
        System.out.printf(Locale.ROOT, "scored %d sequences with %s: %d flagged (threshold %.4g); wrote %s%n",
                data.size(), saved.selection().detector(), run.flaggedCount(), saved.selection().threshold(), out.toAbsolutePath());
        return SeqGuard.EXIT_OK;
    }
}
