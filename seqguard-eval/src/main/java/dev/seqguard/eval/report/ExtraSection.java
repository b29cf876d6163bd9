package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.SectionHtml.close;
import static dev.seqguard.eval.report.SectionHtml.keyValues;
import static dev.seqguard.eval.report.SectionHtml.notAvailable;
import static dev.seqguard.eval.report.SectionHtml.open;

import dev.seqguard.eval.report.ReportModel.Section;
import dev.seqguard.eval.report.ReportModel.Table;
import java.util.List;

/** A section of an {@link HtmlReport} the caller adds: key-value items and/or a table. */
final class ExtraSection {
    private ExtraSection() {
    }

    static void write(StringBuilder h, Section s, int index) {
        open(h, "extra-" + (index + 1), s.title(), esc(s.note()));
        if (!s.items().isEmpty()) {
            keyValues(h, s.items());
        }
        Table t = s.table();
        if (t != null) {
            h.append("<div class=\"scroll\"><table><thead><tr>");
            for (String c : t.header()) {
                h.append("<th>").append(esc(c)).append("</th>");
            }
            h.append("</tr></thead><tbody>");
            for (List<String> row : t.rows()) {
                h.append("<tr>");
                for (String c : row) {
                    h.append(looksNumeric(c) ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</tbody></table></div>");
        }
        if (s.items().isEmpty() && t == null) {
            notAvailable(h, "this section has no content");
        }
        close(h);
    }

    private static boolean looksNumeric(String cell) {
        return cell.matches("[-+\u2212]?[0-9][0-9,]*(\\.[0-9]+)?%?");
    }
}
