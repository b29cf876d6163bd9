package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.SectionHtml.close;
import static dev.seqguard.eval.report.SectionHtml.notAvailable;
import static dev.seqguard.eval.report.SectionHtml.open;

import dev.seqguard.eval.report.ReportModel.FlaggedUser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The top flagged users of an {@link HtmlReport}, each with its reason and timeline ({@link UserTimelines}). */
final class FlaggedUsersSection {
    /** Users shown expanded; the rest are one click away. */
    private static final int OPEN_USERS = 3;

    private FlaggedUsersSection() {
    }

    static void write(StringBuilder h, ReportModel m) {
        ZoneId zone = m.zone();
        String offset = zone.getRules().getOffset(Instant.EPOCH).getId().replace("Z", "+00:00");
        String zoneName = zone.normalized() instanceof java.time.ZoneOffset ? "UTC" + offset
                : zone.getId() + " (UTC" + offset + ")";
        open(h, "users", "Top flagged users", "The users the selected detector finds most suspicious, strongest first, "
                + "with the reason and their behaviour. The strip shows every event on a time axis (taller = more "
                + "suspicious event); the cards show up to " + UserTimelines.MAX_EVENTS + " events around the most "
                + "suspicious stretch, shaded by each event's own score, the strongest outlined. Times in "
                + esc(zoneName) + ".");
        if (m.flaggedUsers().isEmpty()) {
            notAvailable(h, "no user was flagged");
            close(h);
            return;
        }
        h.append("<div class=\"legend-actions\">");
        for (String a : List.of("pv", "click", "fav", "cart", "buy", "search")) {
            h.append("<span><span class=\"act\" style=\"background:").append(Palette.action(a)).append("\">").append(a)
                    .append("</span></span>");
        }
        h.append("</div>");
        int rank = 0;
        for (FlaggedUser u : m.flaggedUsers()) {
            rank++;
            UserTimelines.render(h, rank, u, zone, rank <= OPEN_USERS);
        }
        close(h);
    }
}
