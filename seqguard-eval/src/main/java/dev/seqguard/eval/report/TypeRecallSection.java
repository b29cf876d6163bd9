package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.SectionHtml.close;
import static dev.seqguard.eval.report.SectionHtml.notAvailable;
import static dev.seqguard.eval.report.SectionHtml.open;

import dev.seqguard.eval.report.ReportModel.TypeRecallRow;
import dev.seqguard.eval.report.ReportModel.TypeRecallTable;

/** The recall-by-anomaly-type heat map of an {@link HtmlReport}. */
final class TypeRecallSection {
    private TypeRecallSection() {
    }

    static void write(StringBuilder h, ReportModel m) {
        TypeRecallTable t = m.typeRecall();
        String note = "For each kind of injected anomaly, the share the detector catches"
                + (t == null ? "" : " (" + esc(t.measure()) + ")") + ". Dark cells are kinds it finds, light cells kinds "
                + "it misses: a light column means that kind of abuse needs another detector or a rule.";
        open(h, "types", "Recall by anomaly type", note);
        if (t == null || t.rows().isEmpty() || t.typeCounts().isEmpty()) {
            notAvailable(h, "needs labels with an anomaly type");
            close(h);
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"heat\"><thead><tr><th>Detector</th>");
        t.typeCounts().forEach((type, n) -> h.append("<th class=\"c\">").append(esc(type.replace('_', ' ')))
                .append("<br><span class=\"lc\">n = ").append(Html.count(n)).append("</span></th>"));
        h.append("</tr></thead><tbody>");
        for (TypeRecallRow r : t.rows()) {
            h.append("<tr").append(r.selected() ? " class=\"sel\"" : "").append("><td class=\"det\">")
                    .append(esc(r.detector()));
            if (r.selected()) {
                h.append(" <span class=\"badge\">selected</span>");
            }
            h.append("</td>");
            for (String type : t.typeCounts().keySet()) {
                Double v = r.recall().get(type);
                if (v == null || v.isNaN()) {
                    h.append("<td class=\"c muted\">").append(Html.DASH).append("</td>");
                } else {
                    h.append("<td class=\"c\" style=\"background:").append(Palette.heat(v)).append(";color:")
                            .append(Palette.heatText(v)).append("\">").append(Html.num(v)).append("</td>");
                }
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
        close(h);
    }
}
