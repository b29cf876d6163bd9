package dev.seqguard.eval.output;

import dev.seqguard.core.io.Csv;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.Explanation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The per-user and per-event output files. One writer per file contract, shared by every verb:
 * <ul>
 *   <li>{@code scores.csv}: {@code user_id,score,flag} — every user; with session sequences a user's score is the
 *       maximum over their sessions and the user is flagged when any session is;</li>
 *   <li>{@code event_scores.csv}: {@code user_id,timestamp,item_id,behavior,score} — every accepted event
 *       (timestamp in unix seconds);</li>
 *   <li>{@code explanations.csv}: {@code user_id,rank,score,flag,explanation} — every flagged user, or the 20
 *       highest-scoring users when none is flagged, strongest reasons first.</li>
 * </ul>
 */
public final class ScoreFiles {
    public static final String SCORES = "scores.csv";
    public static final String EVENT_SCORES = "event_scores.csv";
    public static final String EXPLANATIONS = "explanations.csv";
    private static final int MIN_EXPLAINED = 20;

    private ScoreFiles() {
    }

    /** User id to (score, flagged), in row order of first appearance. */
    public static Map<String, double[]> perUser(ScoredRun run) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < run.scores().length; i++) {
            String user = run.data().hasSequences() ? run.sequences().get(i).userId()
                    : run.data().features().rowIds().get(i);
            double[] v = out.computeIfAbsent(user, u -> new double[] {Double.NEGATIVE_INFINITY, 0});
            v[0] = Math.max(v[0], run.scores()[i]);
            v[1] = Math.max(v[1], run.flagged(i) ? 1 : 0);
        }
        return out;
    }

    public static void writeScores(ScoredRun run, Path file) throws IOException {
        try (Csv csv = Csv.open(file, "user_id", "score", "flag")) {
            perUser(run).forEach((user, v) -> csv.row(user, v[0], v[1] > 0 ? 1 : 0));
        }
    }

    public static void writeEventScores(ScoredRun run, Path file) throws IOException {
        try (Csv csv = Csv.open(file, "user_id", "timestamp", "item_id", "behavior", "score")) {
            for (int r = 0; r < run.sequences().size(); r++) {
                Sequence s = run.sequences().get(r);
                for (int e = 0; e < s.length(); e++) {
                    BehaviorEvent ev = s.events().get(e);
                    double score = run.eventScores() != null ? run.eventScores()[r][e] : run.scores()[r];
                    csv.row(ev.userId(), seconds(ev.timeMillis()), ev.itemId(), ev.action().code(), score);
                }
            }
        }
    }

    /** Rows explained: every flagged one, at least the top {@value #MIN_EXPLAINED}, strongest first. */
    public static List<Integer> explainedRows(ScoredRun run) {
        List<Integer> order = IntStream.range(0, run.scores().length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -run.scores()[i])).toList();
        List<Integer> out = new ArrayList<>();
        for (int i : order) {
            if (run.flagged(i) || out.size() < MIN_EXPLAINED) {
                out.add(i);
            }
        }
        return out;
    }

    public static void writeExplanations(ScoredRun run, Path file) throws IOException {
        try (Csv csv = Csv.open(file, "user_id", "rank", "score", "flag", "explanation")) {
            int rank = 1;
            for (int row : explainedRows(run)) {
                Explanation e = run.explain(row);
                String user = run.data().hasSequences() ? run.sequences().get(row).id()
                        : run.data().features().rowIds().get(row);
                csv.row(user, rank++, run.scores()[row], run.flagged(row) ? 1 : 0, e.summary(5));
            }
        }
    }

    /** Unix seconds, with a fraction only when the time has one. */
    static Object seconds(long millis) {
        return millis % 1000 == 0 ? (Object) (millis / 1000) : (Object) (millis / 1000.0);
    }
}
