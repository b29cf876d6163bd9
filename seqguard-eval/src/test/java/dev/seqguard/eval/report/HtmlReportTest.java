package dev.seqguard.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.eval.metrics.CurvePoint;
import dev.seqguard.eval.report.ReportModel.CurveSeries;
import dev.seqguard.eval.report.ReportModel.FlaggedUser;
import dev.seqguard.eval.report.ReportModel.LeaderboardRow;
import dev.seqguard.eval.report.ReportModel.ScoreHistogram;
import dev.seqguard.eval.report.ReportModel.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final Path OUT = Path.of("target", "report-sample", "report.html");
    private static String html;

    @BeforeAll
    static void renderSample() throws Exception {
        HtmlReport.write(SampleReport.build(), OUT);
        html = Files.readString(OUT);
    }

    @Test
    void containsEverySectionAndEveryDetector() {
        for (String id : List.of("overview", "leaderboard", "curves", "scores", "types", "users", "extra-1")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        for (String detector : SampleReport.DETECTORS) {
            assertThat(html).contains(detector);
        }
        assertThat(html).contains("Recommender lift", "HR@10", "ROC-AUC", "PR-AUC", "P@k", "click farming",
                "threshold", "<details class=\"user\" open>", "selected");
        assertThat(html).doesNotContain("Not available");
    }

    @Test
    void isWellFormedWithBalancedTags() {
        assertThat(count(html, "<svg")).isEqualTo(count(html, "</svg>")).isGreaterThan(10);
        assertBalanced(html);
    }

    @Test
    void loadsNothingFromTheNetwork() {
        assertThat(html).doesNotContain("http://", "https://", "<script", "<link", "<img", "@import", "url(",
                " src=");
    }

    @Test
    void escapesTextFromUserData() {
        assertThat(html).doesNotContain(SampleReport.HOSTILE_USER, "<b>pages</b>", "<tuned>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;b&gt;pages&lt;/b&gt;",
                "&amp; &quot;regular&quot;", "nu=0.05 &lt;tuned&gt;");
        String hostile = HtmlReport.render(ReportModel.of("<img src=x onerror=alert(1)>", "a\"b")
                .withLeaderboard(List.of(new LeaderboardRow("<svg onload=x>", "F", true, Map.of("roc_auc", 0.5)))));
        assertThat(hostile).doesNotContain("<img", "<svg onload").contains("&lt;svg onload=x&gt;");
        assertBalanced(hostile);
    }

    @Test
    void formatsNumbersToThreeDecimalsAndUndefinedAsADash() {
        String page = HtmlReport.render(ReportModel.of("t", "s").withLeaderboard(List.of(
                new LeaderboardRow("A", "STATISTICAL", true, Map.of("roc_auc", 0.91234, "pr_auc", Double.NaN)),
                new LeaderboardRow("B", "DEEP", false, Map.of("roc_auc", 0.5, "fit_ms", 1234.0)))));
        assertThat(page).contains(">0.912<", ">0.500<", ">\u2014<", ">1,234<");
        assertThat(page).contains("td class=\"n bar best\"");
    }

    @Test
    void rendersAnEmptyModelWithEverySectionSayingWhatIsMissing() {
        String page = HtmlReport.render(ReportModel.of("Empty run", "nothing"));
        for (String id : List.of("overview", "leaderboard", "curves", "scores", "types", "users")) {
            assertThat(page).contains("<section id=\"" + id + "\">");
        }
        assertThat(count(page, "Not available")).isEqualTo(6);
        assertBalanced(page);
    }

    @Test
    void drawsAtMostSixCurvesKeepingTheSelectedOneOnTop() {
        List<CurvePoint> diagonal = List.of(new CurvePoint(0, 0, 1), new CurvePoint(1, 1, 0));
        List<CurveSeries> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.add(new CurveSeries("det" + i, i == 8, 0.5, diagonal));
        }
        String page = HtmlReport.render(ReportModel.of("t", "s").withCurves(many, many, 0.1));
        assertThat(count(page, "class=\"curve\"")).isEqualTo(2 * 5);
        assertThat(count(page, "class=\"curve sel\"")).isEqualTo(2);
        assertThat(page).contains("det8", "det4").doesNotContain(">det5<");
    }

    @Test
    void capsTheTimelineAtFortyEventsAroundTheMostSuspiciousStretch() {
        List<TimelineEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(new TimelineEvent(1_000_000L * i, "pv", "item" + i, "c", i >= 60 && i < 70 ? 5 : 0.1));
        }
        int[] w = UserTimelines.window(events);
        assertThat(w[1] - w[0]).isEqualTo(UserTimelines.MAX_EVENTS);
        assertThat(w[0]).isLessThanOrEqualTo(60);
        assertThat(w[1]).isGreaterThanOrEqualTo(70);
        String page = HtmlReport.render(ReportModel.of("t", "s")
                .withFlaggedUsers(List.of(new FlaggedUser("u1", 3, "", "why", events)), ZoneOffset.UTC));
        assertThat(count(page, "<li class=\"ev")).isEqualTo(UserTimelines.MAX_EVENTS);
        assertThat(count(page, "<li class=\"ev hot\"")).isEqualTo(UserTimelines.HIGHLIGHTED);
        assertThat(page).contains(w[0] + " earlier events", (100 - w[1]) + " later events");
    }

    @Test
    void histogramOverlaysClassesAndDrawsTheThreshold() {
        SplittableRandom r = new SplittableRandom(1);
        double[] s = new double[300];
        int[] y = new int[300];
        for (int i = 0; i < s.length; i++) {
            y[i] = i < 15 ? 1 : 0;
            s[i] = r.nextDouble() + y[i] * 2;
        }
        s[299] = 1000; // one extreme score must not squash the rest into one bar
        SvgCharts.Bins bins = SvgCharts.bin(new ScoreHistogram("d", s, y, 2.0, ""));
        assertThat(bins.overflow()).isTrue();
        assertThat(bins.totals()).containsExactly(285, 15, 0);
        assertThat(bins.lo() + bins.width() * bins.size()).isLessThan(10);
        String page = HtmlReport.render(ReportModel.of("t", "s").withHistogram(new ScoreHistogram("d", s, y, 2.0, "rule")));
        assertThat(page).contains("class=\"thr\"", "threshold 2.000", "anomalous", "normal", "16 of 300");
    }

    @Test
    void keepsTableCellsInTheirColumns() {
        assertThat(Set.of(SampleReport.build().leaderboard().get(0).metrics().keySet().toArray()))
                .contains("roc_auc", "fit_ms");
        Matcher rows = Pattern.compile("<table class=\"board\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertThat(rows.find()).isTrue();
        String board = rows.group(1);
        int header = count(board.substring(0, board.indexOf("</thead>")), "<th ")
                + count(board.substring(0, board.indexOf("</thead>")), "<th>");
        for (String row : board.substring(board.indexOf("<tbody>")).split("</tr>")) {
            if (row.contains("<td")) {
                assertThat(count(row, "<td")).isEqualTo(header);
            }
        }
    }

    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "wbr");

    /** Every non-void element is closed, in order (a small XML-style check; style content is skipped). */
    static void assertBalanced(String page) {
        String body = page.replaceAll("(?s)<style>.*?</style>", "<style></style>").replaceAll("<!DOCTYPE[^>]*>", "");
        Matcher m = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^<>]*?(/?)>").matcher(body);
        Deque<String> open = new ArrayDeque<>();
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (!m.group(3).isEmpty() || VOID.contains(name)) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else {
                assertThat(open).as("closing </%s> at %d", name, m.start()).isNotEmpty();
                assertThat(open.pop()).as("closing </%s> at %d", name, m.start()).isEqualTo(name);
            }
        }
        assertThat(open).as("unclosed elements").isEmpty();
        assertThat(body.replaceAll("<[^<>]*>", "")).as("stray angle brackets in text").doesNotContain("<", ">");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
