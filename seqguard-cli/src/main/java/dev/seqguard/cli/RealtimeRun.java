package dev.seqguard.cli;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.eval.metrics.Confusion;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.StreamingOperatingPoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One cell of {@code bench realtime}, as a new user would measure it: anomalies injected into a real log from a
 * seed, {@code select --labels} with {@link #LABELLED_SHARE} of the anomalous and of the normal users labelled, then
 * the other users flagged twice: by batch ({@code scores.csv}'s {@code flag}) and by the streaming path
 * ({@code replay --model DIR --events F}, nothing else). A user counts as streaming-flagged when any of their events
 * is. At the event level an injected event is a positive; the streaming path flags events itself, batch flags every
 * event of a flagged user.
 */
final class RealtimeRun {
    static final double LABELLED_SHARE = 0.3;
    /** Seed of the label sample (as {@code /work/shared/tools/contract-check} samples with {@code Random(5)}). */
    static final long LABEL_SEED = 5;

    /**
     * @param dir          where the run's files are (inject/, select/, train.csv)
     * @param events       the injected log, in file order
     * @param replay       what replay flagged
     * @param users        users scored (not labelled)
     * @param eventsScored their events
     * @param caughtAtEvent anomalous unlabelled users streaming flagged at some event
     * @param caughtIdle    anomalous unlabelled users streaming flagged only when they went idle
     * @param idleGapMillis the model's idle gap (0: no idle decision)
     */
    record Outcome(String log, long seed, String detector, Path dir, List<BehaviorEvent> events, Replay.Result replay,
                   int users, int eventsScored, Confusion batchUsers, Confusion streamUsers, Confusion batchEvents,
                   Confusion streamEvents, int caughtAtEvent, int caughtIdle, long idleGapMillis) {
    }

    private RealtimeRun() {
    }

    static Outcome run(RealtimeLog log, Path taobao, long seed, Path dir) throws IOException {
        Path inject = dir.resolve("inject");
        quietly(dir.resolve("inject.log"), "inject", "--events", taobao.toString(), "--format", "taobao",
                "--seed", Long.toString(seed), "--types", log.types(), "--out", inject.toString());
        Path train = dir.resolve("train.csv");
        Set<String> labelled = sampleLabels(inject.resolve("labels.csv"), train);
        Path select = dir.resolve("select");
        quietly(dir.resolve("select.log"), "select", "--events", inject.resolve("events.csv").toString(),
                "--format", "taobao", "--labels", train.toString(), "--seed", "1", "--out", select.toString());

        List<BehaviorEvent> events = EventReader.readAll(inject.resolve("events.csv"),
                IngestOptions.defaults("taobao", null), new QuarantineCounter()).events();
        ServingModel model = ServingModel.load(select.resolve("model"), null);
        Replay.Result replay = Replay.run(model, events, 1_000_000, 1);

        Map<String, Boolean> truth = new java.util.HashMap<>();
        for (String[] r : rows(inject.resolve("labels.csv"))) {
            truth.put(r[0], "1".equals(r[1]));
        }
        Set<String> batchFlagged = new HashSet<>();
        for (String[] r : rows(select.resolve("scores.csv"))) {
            if ("1".equals(r[2])) {
                batchFlagged.add(r[0]);
            }
        }
        Set<String> streamFlagged = new HashSet<>();
        Set<String> flaggedAtEvent = new HashSet<>();
        Set<String> streamEvents = new HashSet<>();
        for (Replay.ReplayFlag f : replay.flags()) {
            streamFlagged.add(f.userId());
            if (Replay.AT_EVENT.equals(f.decision())) { // an idle flag judges the user, not their last event
                flaggedAtEvent.add(f.userId());
                streamEvents.add(key(f.userId(), f.itemId(), f.timeMillis()));
            }
        }
        Set<String> injected = new HashSet<>();
        for (String[] r : rows(inject.resolve("event_labels.csv"))) {
            injected.add(key(r[0], r[1], Long.parseLong(r[2]) * 1000));
        }

        Tally batchU = new Tally();
        Tally streamU = new Tally();
        int[] caught = new int[2];
        truth.forEach((user, anomalous) -> {
            if (!labelled.contains(user)) {
                batchU.add(anomalous, batchFlagged.contains(user));
                streamU.add(anomalous, streamFlagged.contains(user));
                if (anomalous && streamFlagged.contains(user)) {
                    caught[flaggedAtEvent.contains(user) ? 0 : 1]++;
                }
            }
        });
        Tally batchE = new Tally();
        Tally streamE = new Tally();
        for (BehaviorEvent e : events) {
            if (!labelled.contains(e.userId())) {
                String k = key(e.userId(), e.itemId(), e.timeMillis());
                batchE.add(injected.contains(k), batchFlagged.contains(e.userId()));
                streamE.add(injected.contains(k), streamEvents.contains(k));
            }
        }
        return new Outcome(log.name(), seed, model.detectorName(), dir, events, replay, batchU.rows(), batchE.rows(),
                batchU.confusion(), streamU.confusion(), batchE.confusion(), streamE.confusion(), caught[0], caught[1],
                model.idleDecision().map(StreamingOperatingPoint::idleGapMillis).orElse(0L));
    }

    /** The rows after the header of a CSV SeqGuard wrote (plain ids, nothing quoted). */
    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> out = new ArrayList<>(Math.max(0, lines.size() - 1));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isEmpty()) {
                out.add(line.split(",", -1));
            }
        }
        return out;
    }

    static String key(String user, String item, long timeMillis) {
        return user + '\t' + item + '\t' + timeMillis;
    }

    /**
     * Writes {@code LABELLED_SHARE} of the anomalous and of the normal users of {@code labels} to {@code out}, drawn
     * from {@link #LABEL_SEED}; returns their ids.
     */
    static Set<String> sampleLabels(Path labels, Path out) throws IOException {
        List<String[]> positives = new ArrayList<>();
        List<String[]> negatives = new ArrayList<>();
        for (String[] r : rows(labels)) {
            ("1".equals(r[1]) ? positives : negatives).add(r);
        }
        Random rnd = new Random(LABEL_SEED);
        Collections.shuffle(positives, rnd);
        Collections.shuffle(negatives, rnd);
        Set<String> ids = new HashSet<>();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("user_id,label,anomaly_type\n");
            for (List<String[]> group : List.of(positives, negatives)) {
                for (String[] r : group.subList(0, (int) (group.size() * LABELLED_SHARE))) {
                    w.write(String.join(",", r) + "\n");
                    ids.add(r[0]);
                }
            }
        }
        return ids;
    }

    /** Runs a verb with its output in {@code log}; a failure names the verb and the log. */
    private static void quietly(Path log, String... args) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        int code;
        try (PrintStream to = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setOut(to);
            System.setErr(to);
            code = SeqGuard.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        if (code != SeqGuard.EXIT_OK) {
            List<String> lines = Files.readAllLines(log);
            throw new UserInputException("bench realtime: " + args[0] + " exited " + code + " ("
                    + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)) + "; see " + log + ")");
        }
    }

    /** Counts a confusion matrix one row at a time. */
    private static final class Tally {
        private int tp;
        private int fp;
        private int tn;
        private int fn;

        void add(boolean positive, boolean flagged) {
            if (positive) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }

        int rows() {
            return tp + fp + tn + fn;
        }

        Confusion confusion() {
            return new Confusion(tp, fp, tn, fn);
        }
    }
}
