package dev.seqguard.cli;

import dev.seqguard.eval.metrics.Evaluation;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.SelectionResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The leaderboard as a terminal table. */
final class LeaderboardPrinter {
    private LeaderboardPrinter() {
    }

    static void print(SelectionResult r, Map<String, double[]> test, PrintStream out) {
        boolean labelled = r.mode() == SelectionResult.Mode.LABELLED;
        int width = Math.max(10, r.leaderboard().stream().mapToInt(c -> c.detector().length()).max().orElse(10));
        String head = labelled ? String.format("%-" + width + "s  %7s %7s %7s %7s %7s", "detector", "ROC-AUC", "PR-AUC", "P@k", "R@k", "F1")
                : String.format("%-" + width + "s  %12s %12s %9s", "detector", "synth-PR-AUC", "synth-ROC", "agreement");
        if (test != null) {
            head += String.format(" %9s %9s", "test-ROC", "test-PR");
        }
        out.println(head + String.format(" %8s %8s", "fit-ms", "score-ms"));
        for (CandidateResult c : r.leaderboard()) {
            String mark = c == r.selected() ? "*" : " ";
            if (c.failed()) {
                out.printf("%-" + width + "s %s failed: %s%n", c.detector(), mark, c.error());
                continue;
            }
            Evaluation e = c.evaluation();
            String line = labelled
                    ? String.format(Locale.ROOT, "%-" + width + "s%s %7s %7s %7s %7s %7s", c.detector(), mark, f(e.rocAuc()),
                    f(e.prAuc()), f(e.precisionAtK()), f(e.recallAtK()), f(e.f1()))
                    : String.format(Locale.ROOT, "%-" + width + "s%s %12s %12s %9s", c.detector(), mark, f(c.syntheticPrAuc()),
                    f(e == null ? Double.NaN : e.rocAuc()), f(c.agreement()));
            if (test != null) {
                double[] t = test.get(c.detector());
                line += String.format(" %9s %9s", t == null ? "-" : f(t[0]), t == null ? "-" : f(t[1]));
            }
            out.println(line + String.format(" %8d %8d", c.fitMillis(), c.scoreMillis()));
        }
        out.printf(Locale.ROOT, "selected: %s (%s); confidence %.2f: %s%n", r.selected().detector(),
                labelled ? "best out-of-fold PR-AUC on your labels"
                        : r.labelFree() != null && r.selected().detector().equals(r.labelFree().baseline())
                        ? "the default; no challenger beat it by a margin on anomaly kinds it was not trained on"
                        : "beat the default by a margin on anomaly kinds it was not trained on",
                r.confidence().value(), r.confidence().explanation());
    }

    static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
