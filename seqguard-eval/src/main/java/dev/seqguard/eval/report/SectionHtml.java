package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;

import dev.seqguard.eval.report.ReportModel.KeyValue;
import dev.seqguard.eval.report.ReportModel.LeaderboardRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The pieces every section of an {@link HtmlReport} is made of, and the metric names they share. */
final class SectionHtml {
    /** Metrics where higher is better and the range is [0, 1]: drawn with an in-cell bar, best value in bold. */
    static final Set<String> QUALITY = Set.of("roc_auc", "pr_auc", "precision_at_k", "recall_at_k", "f1",
            "precision", "recall", "auc", "ap", "confidence");
    /** Short name and tooltip of each metric column. */
    static final Map<String, String[]> METRIC_NAMES = Map.ofEntries(
            Map.entry("roc_auc", new String[]{"ROC-AUC", "chance that an anomaly scores above a normal row; 0.5 = guessing"}),
            Map.entry("pr_auc", new String[]{"PR-AUC", "average precision; guessing scores the anomaly share"}),
            Map.entry("precision_at_k", new String[]{"P@k", "share of anomalies among the k highest scores"}),
            Map.entry("recall_at_k", new String[]{"R@k", "share of all anomalies found in the k highest scores"}),
            Map.entry("f1", new String[]{"F1", "harmonic mean of precision and recall at the threshold"}),
            Map.entry("precision", new String[]{"Precision", "share of flagged rows that are anomalies"}),
            Map.entry("recall", new String[]{"Recall", "share of anomalies that are flagged"}),
            Map.entry("threshold", new String[]{"Threshold", "flag = score at or above this value"}));

    private SectionHtml() {
    }

    /** Starts section {@code id}; {@code note} is HTML. */
    static void open(StringBuilder h, String id, String title, String note) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>");
        if (!note.isEmpty()) {
            h.append("<p class=\"note\">").append(note).append("</p>");
        }
    }

    static void close(StringBuilder h) {
        h.append("</section>\n");
    }

    static void notAvailable(StringBuilder h, String why) {
        h.append("<p class=\"na\">Not available: ").append(esc(why)).append("</p>");
    }

    static Optional<LeaderboardRow> selected(ReportModel m) {
        return m.leaderboard().stream().filter(LeaderboardRow::selected).findFirst();
    }

    /** {@code CLASSIC_ML} reads as "classic ml". */
    static String familyName(String family) {
        return family.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static void keyValues(StringBuilder h, List<KeyValue> items) {
        h.append("<dl class=\"kv\">");
        for (KeyValue kv : items) {
            h.append("<dt>").append(esc(kv.key())).append("</dt><dd>").append(esc(kv.value())).append("</dd>");
        }
        h.append("</dl>");
    }

    static long countAtOrAbove(double[] scores, double threshold) {
        long n = 0;
        for (double s : scores) {
            n += s >= threshold ? 1 : 0;
        }
        return n;
    }
}
