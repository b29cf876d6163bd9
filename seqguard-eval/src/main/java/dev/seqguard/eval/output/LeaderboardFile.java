package dev.seqguard.eval.output;

import dev.seqguard.core.io.Csv;
import dev.seqguard.eval.metrics.Evaluation;
import dev.seqguard.eval.metrics.TypeRecall;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.SelectionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code leaderboard.csv}: one row per detector, best first. Columns:
 * {@code detector,selected,family,roc_auc,pr_auc,precision_at_k,recall_at_k,f1,fit_ms,score_ms,seqs_per_s,alloc_mb,
 * synthetic_roc_auc,synthetic_pr_auc,agreement[,test_roc_auc,test_pr_auc],recall_<type>...,error}.
 * The label metrics are out-of-fold on the labelled rows and empty without labels; the {@code synthetic_} ones are
 * on self-injected validation sets (label-free mode); {@code recall_<type>} is recall at k per anomaly type on
 * whichever of the two the selection used.
 */
public final class LeaderboardFile {
    public static final String NAME = "leaderboard.csv";

    private LeaderboardFile() {
    }

    /**
     * @param test per detector {test_roc_auc, test_pr_auc} for table mode, or {@code null}
     */
    public static void write(SelectionResult result, int rows, Map<String, double[]> test, Path file) throws IOException {
        TreeSet<String> types = new TreeSet<>();
        for (CandidateResult r : result.leaderboard()) {
            if (r.evaluation() != null) {
                types.addAll(r.evaluation().recallByType().keySet());
            }
        }
        List<String> header = new ArrayList<>(List.of("detector", "selected", "family", "roc_auc", "pr_auc",
                "precision_at_k", "recall_at_k", "f1", "fit_ms", "score_ms", "seqs_per_s", "alloc_mb",
                "synthetic_roc_auc", "synthetic_pr_auc", "agreement"));
        if (test != null) {
            header.addAll(List.of("test_roc_auc", "test_pr_auc"));
        }
        types.forEach(t -> header.add("recall_" + t));
        header.add("error");
        boolean labelled = result.mode() == SelectionResult.Mode.LABELLED;
        try (Csv csv = Csv.open(file, header.toArray(String[]::new))) {
            for (CandidateResult r : result.leaderboard()) {
                Evaluation e = r.evaluation();
                Evaluation l = labelled ? e : null;
                Evaluation s = labelled ? null : e;
                List<Object> row = new ArrayList<>(List.of(r.detector(), r == result.selected() ? 1 : 0,
                        r.family().name().toLowerCase(Locale.ROOT)));
                row.add(l == null ? null : l.rocAuc());
                row.add(l == null ? null : l.prAuc());
                row.add(l == null ? null : l.precisionAtK());
                row.add(l == null ? null : l.recallAtK());
                row.add(l == null ? null : l.f1());
                row.add(r.failed() ? null : r.fitMillis());
                row.add(r.failed() ? null : r.scoreMillis());
                row.add(r.failed() ? null : Math.round(r.rowsPerSecond(rows)));
                row.add(r.failed() ? null : r.allocatedMb());
                row.add(s == null ? null : s.rocAuc());
                row.add(s == null ? null : r.syntheticPrAuc());
                row.add(r.agreement());
                if (test != null) {
                    double[] t = test.get(r.detector());
                    row.add(t == null ? null : t[0]);
                    row.add(t == null ? null : t[1]);
                }
                for (String t : types) {
                    TypeRecall tr = e == null ? null : e.recallByType().get(t);
                    row.add(tr == null ? null : tr.recallAtK());
                }
                row.add(r.error());
                csv.row(row);
            }
        }
    }
}
