package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.SectionHtml.METRIC_NAMES;
import static dev.seqguard.eval.report.SectionHtml.close;
import static dev.seqguard.eval.report.SectionHtml.countAtOrAbove;
import static dev.seqguard.eval.report.SectionHtml.familyName;
import static dev.seqguard.eval.report.SectionHtml.keyValues;
import static dev.seqguard.eval.report.SectionHtml.notAvailable;
import static dev.seqguard.eval.report.SectionHtml.open;
import static dev.seqguard.eval.report.SectionHtml.selected;

import dev.seqguard.eval.report.ReportModel.LeaderboardRow;
import dev.seqguard.eval.report.ReportModel.ScoreHistogram;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The overview of an {@link HtmlReport}: the selected detector, its headline metrics, what was flagged, the data
 * summary.
 */
final class OverviewSection {
    private OverviewSection() {
    }

    static void write(StringBuilder h, ReportModel m) {
        open(h, "overview", "Overview", "What was analysed and what SeqGuard recommends. The selected detector is the "
                + "one to run on this traffic; the rest of the report shows why and what it flags.");
        h.append("<div class=\"cards\">");
        Optional<LeaderboardRow> sel = selected(m);
        h.append("<div class=\"card hero\"><div class=\"k\">Selected detector</div><div class=\"v\">")
                .append(sel.map(r -> esc(r.detector())).orElse("none")).append("</div><div class=\"s\">")
                .append(sel.map(r -> esc(familyName(r.family()))).orElse("no detector was selected")).append("</div></div>");
        for (String metric : List.of("roc_auc", "pr_auc")) {
            Double v = sel.map(r -> r.metrics().get(metric)).orElse(null);
            if (v != null && !v.isNaN()) {
                h.append("<div class=\"card\"><div class=\"k\">").append(METRIC_NAMES.get(metric)[0])
                        .append(" (selected)</div><div class=\"v\">").append(Html.num(v)).append("</div><div class=\"s\">")
                        .append(METRIC_NAMES.get(metric)[1]).append("</div></div>");
            }
        }
        ScoreHistogram hist = m.histogram();
        if (hist != null && hist.scores().length > 0) {
            long flagged = countAtOrAbove(hist.scores(), hist.threshold());
            h.append("<div class=\"card\"><div class=\"k\">Flagged</div><div class=\"v\">").append(Html.count(flagged))
                    .append(" <span class=\"s\">of ").append(Html.count(hist.scores().length)).append("</span></div>")
                    .append("<div class=\"s\">").append(Html.percent((double) flagged / hist.scores().length))
                    .append(" at threshold ").append(Html.num(hist.threshold())).append("</div></div>");
        }
        h.append("<div class=\"card\"><div class=\"k\">Detectors compared</div><div class=\"v\">")
                .append(m.leaderboard().size()).append("</div><div class=\"s\">")
                .append(families(m)).append("</div></div></div>");
        if (m.summary().isEmpty()) {
            notAvailable(h, "no data summary was recorded");
        } else {
            keyValues(h, m.summary());
        }
        close(h);
    }

    private static String families(ReportModel m) {
        Set<String> f = new LinkedHashSet<>();
        m.leaderboard().forEach(r -> {
            if (!r.family().isEmpty()) {
                f.add(familyName(r.family()));
            }
        });
        return f.isEmpty() ? "" : f.size() + (f.size() == 1 ? " family: " : " families: ") + esc(String.join(", ", f));
    }
}
