package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.SectionHtml.close;
import static dev.seqguard.eval.report.SectionHtml.countAtOrAbove;
import static dev.seqguard.eval.report.SectionHtml.notAvailable;
import static dev.seqguard.eval.report.SectionHtml.open;

import dev.seqguard.eval.report.ReportModel.ScoreHistogram;

/**
 * The chart sections of an {@link HtmlReport}: ROC and PR curves, and the score distribution of the selected
 * detector.
 */
final class ChartSections {
    private ChartSections() {
    }

    static void curves(StringBuilder h, ReportModel m) {
        open(h, "curves", "ROC & PR curves", "Each line is one detector ranking users from most to least suspicious. "
                + "Better detectors bend towards the top-left corner (ROC) and stay high to the right (PR). The thick "
                + "blue line is the selected detector; the grey dashed line is what random scores achieve. At most "
                + SvgCharts.MAX_CURVES + " detectors are drawn: the selected one and the leaders.");
        if (m.rocCurves().isEmpty() && m.prCurves().isEmpty()) {
            notAvailable(h, "curves need labelled anomalies, and this run had none");
            close(h);
            return;
        }
        h.append("<div class=\"charts\">");
        if (!m.rocCurves().isEmpty()) {
            SvgCharts.Chart roc = SvgCharts.curves(m.rocCurves(), false, m.anomalyShare());
            h.append("<figure><figcaption>ROC curve</figcaption>").append(roc.svg()).append(roc.legend())
                    .append("</figure>");
        }
        if (!m.prCurves().isEmpty()) {
            SvgCharts.Chart pr = SvgCharts.curves(m.prCurves(), true, m.anomalyShare());
            h.append("<figure><figcaption>Precision-recall curve</figcaption>").append(pr.svg()).append(pr.legend())
                    .append("</figure>");
        }
        h.append("</div>");
        close(h);
    }

    static void histogram(StringBuilder h, ReportModel m) {
        ScoreHistogram hist = m.histogram();
        if (hist == null || hist.scores().length == 0) {
            open(h, "scores", "Score distribution", "");
            notAvailable(h, "no scores of the selected detector were recorded");
            close(h);
            return;
        }
        long flagged = countAtOrAbove(hist.scores(), hist.threshold());
        boolean labelled = hist.labels() != null
                && java.util.Arrays.stream(hist.labels()).anyMatch(l -> l == 0 || l == 1);
        String note = "How the scores of <b>" + esc(hist.detector()) + "</b> are spread. Everything right of the dashed "
                + "line is flagged: <b>" + Html.count(flagged) + " of " + Html.count(hist.scores().length) + "</b> ("
                + Html.percent((double) flagged / hist.scores().length) + ")"
                + (hist.rule().isEmpty() ? "" : ", threshold rule: " + esc(hist.rule())) + ". "
                + (labelled ? "Bars show the share of normal and of anomalous users in each score range, so both are "
                + "visible however rare anomalies are; little overlap means the detector separates them cleanly."
                : "No labels: the bars count all users. A long right tail that stands apart is what anomalies look like.");
        open(h, "scores", "Score distribution", note);
        SvgCharts.Chart chart = SvgCharts.histogram(hist);
        h.append("<figure>").append(chart.svg()).append(chart.legend()).append("</figure>");
        close(h);
    }
}
