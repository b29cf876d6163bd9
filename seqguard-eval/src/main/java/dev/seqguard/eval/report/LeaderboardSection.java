package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.SectionHtml.METRIC_NAMES;
import static dev.seqguard.eval.report.SectionHtml.QUALITY;
import static dev.seqguard.eval.report.SectionHtml.close;
import static dev.seqguard.eval.report.SectionHtml.familyName;
import static dev.seqguard.eval.report.SectionHtml.notAvailable;
import static dev.seqguard.eval.report.SectionHtml.open;

import dev.seqguard.eval.report.ReportModel.LeaderboardRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaderboard of an {@link HtmlReport}: one row per detector, quality metrics with in-cell bars, the best in
 * bold.
 */
final class LeaderboardSection {
    private LeaderboardSection() {
    }

    static void write(StringBuilder h, ReportModel m) {
        List<String> columns = new ArrayList<>();
        for (LeaderboardRow r : m.leaderboard()) {
            r.metrics().keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add);
        }
        boolean anyQuality = m.leaderboard().stream().anyMatch(r -> r.metrics().entrySet().stream()
                .anyMatch(e -> QUALITY.contains(e.getKey()) && !e.getValue().isNaN()));
        String note = "Every detector scored the same users. <b>ROC-AUC</b> is the chance that a random anomalous user "
                + "scores above a random normal one (0.5 is guessing, 1 is perfect). <b>PR-AUC</b> (average precision) "
                + "rewards putting anomalies at the very top of the list and is the better guide when anomalies are rare"
                + (Double.isNaN(m.anomalyShare()) ? "" : " (guessing scores the anomaly share, here "
                + Html.num(m.anomalyShare()) + ")")
                + ". <b>P@k</b> and <b>R@k</b> look at the k highest scores, k = the number of labelled anomalies. "
                + "The highlighted row is the detector SeqGuard selected.";
        if (!m.leaderboard().isEmpty() && !anyQuality) {
            note = "No labels were available, so quality metrics cannot be computed; the selection used label-free "
                    + "criteria (see the overview). The highlighted row is the detector SeqGuard selected.";
        }
        open(h, "leaderboard", "Leaderboard", note);
        if (m.leaderboard().isEmpty()) {
            notAvailable(h, "no detector was run");
            close(h);
            return;
        }
        boolean notes = m.leaderboard().stream().anyMatch(r -> !r.note().isEmpty());
        h.append("<div class=\"scroll\"><table class=\"board\"><thead><tr><th class=\"n\">#</th><th>Detector</th>");
        for (String c : columns) {
            String[] name = METRIC_NAMES.get(c);
            h.append("<th class=\"n\"").append(name == null ? "" : " title=\"" + esc(name[1]) + "\"").append(">")
                    .append(esc(name == null ? c.replace('_', ' ') : name[0])).append("</th>");
        }
        if (notes) {
            h.append("<th>Note</th>");
        }
        h.append("</tr></thead><tbody>");
        double[] best = new double[columns.size()];
        boolean[] integral = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String col = columns.get(c);
            best[c] = m.leaderboard().stream().mapToDouble(r -> r.metrics().getOrDefault(col, Double.NaN))
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            integral[c] = !QUALITY.contains(col) && m.leaderboard().stream()
                    .map(r -> r.metrics().getOrDefault(col, Double.NaN)).filter(v -> !v.isNaN())
                    .allMatch(v -> v == Math.rint(v) && Math.abs(v) < 1e15);
        }
        int rank = 0;
        for (LeaderboardRow r : m.leaderboard()) {
            rank++;
            h.append("<tr").append(r.selected() ? " class=\"sel\"" : "").append("><td class=\"n muted\">").append(rank)
                    .append("</td><td class=\"det\">").append(esc(r.detector()));
            if (r.selected()) {
                h.append(" <span class=\"badge\">selected</span>");
            }
            if (!r.family().isEmpty()) {
                h.append("<br><span class=\"fam\">").append(esc(familyName(r.family())))
                        .append("</span>");
            }
            h.append("</td>");
            for (int c = 0; c < columns.size(); c++) {
                String col = columns.get(c);
                double v = r.metrics().getOrDefault(col, Double.NaN);
                boolean quality = QUALITY.contains(col) && v >= 0 && v <= 1;
                h.append("<td class=\"n");
                if (quality) {
                    h.append(" bar");
                }
                if (QUALITY.contains(col) && v == best[c] && m.leaderboard().size() > 1) {
                    h.append(" best");
                }
                h.append('"');
                if (quality) {
                    h.append(" style=\"background-size:").append(Html.xy(v * 100)).append("% 3px\"");
                }
                h.append('>').append(integral[c] && !Double.isNaN(v) ? Html.count((long) v) : Html.num(v)).append("</td>");
            }
            if (notes) {
                h.append("<td class=\"note\">").append(esc(r.note())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
        close(h);
    }
}
