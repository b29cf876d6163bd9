package dev.seqguard.eval.report;

import static dev.seqguard.eval.report.Html.esc;
import static dev.seqguard.eval.report.Html.xy;

import dev.seqguard.eval.report.ReportModel.FlaggedUser;
import dev.seqguard.eval.report.ReportModel.TimelineEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A flagged user's sequence: a strip of every event on a time axis (bursts and machine-regular gaps show at a
 * glance), then up to {@link #MAX_EVENTS} events as compact cards shaded by their own score, the most suspicious
 * outlined.
 */
final class UserTimelines {
    static final int MAX_EVENTS = 40;
    /** Events outlined as most suspicious: the top few, however long the sequence. */
    static final int HIGHLIGHTED = 3;
    private static final int MAX_STRIP_TICKS = 2000;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private UserTimelines() {
    }

    /**
     * The window of at most {@code MAX_EVENTS} consecutive events shown: the one with the largest total event score,
     * so the burst that drove the flag is on screen; the first events when there are no event scores.
     *
     * @return {from, to} (to exclusive)
     */
    static int[] window(List<TimelineEvent> events) {
        int n = events.size();
        if (n <= MAX_EVENTS) {
            return new int[]{0, n};
        }
        double[] w = events.stream().mapToDouble(e -> Double.isFinite(e.score()) ? e.score() : 0).toArray();
        double sum = 0;
        for (int i = 0; i < MAX_EVENTS; i++) {
            sum += w[i];
        }
        double best = sum;
        int from = 0;
        for (int i = MAX_EVENTS; i < n; i++) {
            sum += w[i] - w[i - MAX_EVENTS];
            if (sum > best + 1e-12) {
                best = sum;
                from = i - MAX_EVENTS + 1;
            }
        }
        return new int[]{from, from + MAX_EVENTS};
    }

    static void render(StringBuilder html, int rank, FlaggedUser u, ZoneId zone, boolean open) {
        html.append("<details class=\"user\"").append(open ? " open" : "").append("><summary>")
                .append("<span class=\"rank\">#").append(rank).append("</span> <span class=\"uid\">")
                .append(esc(u.userId())).append("</span> <span class=\"score\">score ").append(Html.num(u.score()))
                .append("</span>");
        if (!u.label().isEmpty()) {
            boolean normal = u.label().equalsIgnoreCase("normal") || u.label().equals("0");
            html.append(" <span class=\"tag ").append(normal ? "tag-normal" : "tag-anom").append("\">")
                    .append(esc(u.label())).append("</span>");
        }
        html.append(" <span class=\"muted\">").append(Html.count(u.events().size())).append(" events</span>")
                .append("</summary>");
        if (!u.explanation().isEmpty()) {
            html.append("<p class=\"why\"><b>Why:</b> ").append(esc(u.explanation())).append("</p>");
        }
        if (!u.events().isEmpty()) {
            strip(html, u.events(), zone);
            cards(html, u.events(), zone);
        }
        html.append("</details>");
    }

    private static void strip(StringBuilder html, List<TimelineEvent> events, ZoneId zone) {
        long t0 = events.stream().mapToLong(TimelineEvent::timeMillis).min().orElse(0);
        long t1 = events.stream().mapToLong(TimelineEvent::timeMillis).max().orElse(0);
        double[] norm = normalisedScores(events);
        int width = 800;
        int left = 8;
        int plot = width - 2 * left;
        html.append("<svg class=\"strip\" viewBox=\"0 0 ").append(width).append(" 52\" role=\"img\" aria-label=\"")
                .append("event times\"><line class=\"base\" x1=\"").append(left).append("\" y1=\"32\" x2=\"")
                .append(left + plot).append("\" y2=\"32\"/>");
        int stride = Math.max(1, (events.size() + MAX_STRIP_TICKS - 1) / MAX_STRIP_TICKS);
        for (int i = 0; i < events.size(); i += stride) {
            TimelineEvent e = events.get(i);
            double x = t1 == t0 ? left + plot / 2.0 : left + (double) (e.timeMillis() - t0) / (t1 - t0) * plot;
            double h = 10 + 18 * (Double.isNaN(norm[i]) ? 0.3 : norm[i]);
            html.append("<line x1=\"").append(xy(x)).append("\" y1=\"").append(xy(32 - h)).append("\" x2=\"")
                    .append(xy(x)).append("\" y2=\"32\" stroke=\"").append(Palette.action(e.action())).append("\"/>");
        }
        html.append("<text class=\"tick\" x=\"").append(left).append("\" y=\"47\">")
                .append(esc(format(t0, zone, DAY_TIME))).append("</text><text class=\"tick\" x=\"")
                .append(width / 2).append("\" y=\"47\" text-anchor=\"middle\">")
                .append(esc(duration(t1 - t0))).append(" span</text><text class=\"tick\" x=\"").append(left + plot)
                .append("\" y=\"47\" text-anchor=\"end\">").append(esc(format(t1, zone, DAY_TIME))).append("</text>")
                .append("</svg>");
    }

    private static void cards(StringBuilder html, List<TimelineEvent> events, ZoneId zone) {
        int[] w = window(events);
        double[] norm = normalisedScores(events);
        boolean[] top = topEvents(events, w);
        html.append("<ol class=\"events\">");
        if (w[0] > 0) {
            html.append("<li class=\"more\">\u2026 ").append(Html.count(w[0])).append(" earlier events</li>");
        }
        LocalDate previousDay = null;
        for (int i = w[0]; i < w[1]; i++) {
            TimelineEvent e = events.get(i);
            ZonedDateTime t = Instant.ofEpochMilli(e.timeMillis()).atZone(zone);
            String style = Double.isNaN(norm[i]) ? ""
                    : " style=\"background:rgba(213,94,0," + xy(0.04 + 0.36 * norm[i]) + ")\"";
            html.append("<li class=\"ev").append(top[i] ? " hot" : "").append('"').append(style)
                    .append("><div class=\"r1\"><span class=\"t\">");
            if (!t.toLocalDate().equals(previousDay)) {
                html.append(t.format(MONTH_DAY)).append(' ');
                previousDay = t.toLocalDate();
            }
            html.append(t.format(TIME)).append("</span>");
            if (i > 0) {
                html.append("<span class=\"gap\">+")
                        .append(esc(duration(e.timeMillis() - events.get(i - 1).timeMillis()))).append("</span>");
            }
            if (!Double.isNaN(e.score())) {
                html.append("<span class=\"es\" title=\"event score\">").append(Html.num(e.score())).append("</span>");
            }
            html.append("</div><div class=\"r2\"><span class=\"act\" style=\"background:")
                    .append(Palette.action(e.action())).append("\">").append(esc(e.action()))
                    .append("</span> <span class=\"item\">").append(esc(e.item())).append("</span></div>");
            if (!e.category().isEmpty()) {
                html.append("<div class=\"cat\">cat ").append(esc(e.category())).append("</div>");
            }
            html.append("</li>");
        }
        if (w[1] < events.size()) {
            html.append("<li class=\"more\">\u2026 ").append(Html.count(events.size() - w[1]))
                    .append(" later events</li>");
        }
        html.append("</ol>");
    }

    /** Event scores scaled to [0, 1] over the user's events; NaN where an event has no score. */
    private static double[] normalisedScores(List<TimelineEvent> events) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TimelineEvent e : events) {
            if (Double.isFinite(e.score())) {
                lo = Math.min(lo, e.score());
                hi = Math.max(hi, e.score());
            }
        }
        double[] out = new double[events.size()];
        for (int i = 0; i < out.length; i++) {
            double s = events.get(i).score();
            out[i] = !Double.isFinite(s) ? Double.NaN : hi > lo ? (s - lo) / (hi - lo) : 0.5;
        }
        return out;
    }

    /** The {@link #HIGHLIGHTED} highest-scoring events of the window, if they stand out above the window's floor. */
    private static boolean[] topEvents(List<TimelineEvent> events, int[] w) {
        boolean[] top = new boolean[events.size()];
        double[] s = new double[w[1] - w[0]];
        for (int i = w[0]; i < w[1]; i++) {
            double v = events.get(i).score();
            s[i - w[0]] = Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
        }
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0 || sorted[sorted.length - 1] == sorted[0]) {
            return top;
        }
        double cut = sorted[Math.max(0, sorted.length - HIGHLIGHTED)];
        int marked = 0;
        for (int i = w[0]; i < w[1] && marked < HIGHLIGHTED; i++) {
            if (s[i - w[0]] >= cut && s[i - w[0]] > sorted[0]) {
                top[i] = true;
                marked++;
            }
        }
        return top;
    }

    private static String format(long millis, ZoneId zone, DateTimeFormatter f) {
        return Instant.ofEpochMilli(millis).atZone(zone).format(f);
    }

    /** Compact: 0.8s, 12s, 5m3s, 2h10m, 3d4h. */
    static String duration(long millis) {
        long ms = Math.abs(millis);
        if (ms < 1000) {
            return ms == 0 ? "0s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : (s % 3600 / 60) + "m");
        }
        return (s / 86400) + "d" + (s % 86400 / 3600 == 0 ? "" : (s % 86400 / 3600) + "h");
    }
}
