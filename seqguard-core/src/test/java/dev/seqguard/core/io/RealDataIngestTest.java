package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Ingest of the real public samples in /work/shared/data. */
class RealDataIngestTest {
    static final Path DATA = Path.of("/work/shared/data");
    static final Path TAOBAO = DATA.resolve("taobao/UserBehavior-sample.csv");
    /** The Taobao dump's official window, 2017-11-25..2017-12-03 in UTC+8. */
    static final long WINDOW_FROM = LocalDate.of(2017, 11, 25).atStartOfDay().toInstant(ZoneOffset.ofHours(8))
            .toEpochMilli();
    static final long WINDOW_UNTIL = LocalDate.of(2017, 12, 4).atStartOfDay().toInstant(ZoneOffset.ofHours(8))
            .toEpochMilli();

    static Path require(Path p) {
        assumeTrue(Files.isReadable(p), "real data not present: " + p);
        return p;
    }

    @Test
    void defaultRuleQuarantinesTaobaoRowsOutsideTheDumpWindowAndKeepsTheBulk() throws IOException {
        require(TAOBAO);
        List<QuarantinedLine> rejected = new ArrayList<>();
        IngestResult result = EventReader.readAll(TAOBAO, IngestOptions.defaults(EventFormat.TAOBAO), rejected::add);
        IngestSummary s = result.summary();

        // hand count with awk: 68,737 rows, 30 of them before 2017-11-25 00:00 UTC+8, none after 2017-12-03
        assertThat(s.read()).isEqualTo(68_737);
        assertThat(s.passes()).isEqualTo(2);
        assertThat(s.quarantined()).isEqualTo(30);
        assertThat(s.count(QuarantineReason.TIME_OUT_OF_RANGE)).isEqualTo(30);
        assertThat(s.accepted()).isEqualTo(68_707);
        assertThat(s.bulkWindow()).contains(new TimeRange(WINDOW_FROM, WINDOW_UNTIL));
        assertThat(result.events()).allSatisfy(e -> assertThat(e.timeMillis()).isBetween(WINDOW_FROM,
                WINDOW_UNTIL - 1));
        assertThat(rejected).extracting(QuarantinedLine::raw)
                .contains("1000169,1328010,959452,pv,1505117799") // 2017-09-11
                .contains("1002460,3945067,2131531,pv,1511539198"); // 2017-11-24 23:59:58 UTC+8, 2 s early
        assertThat(rejected).allSatisfy(q -> assertThat(q.message()).contains("outside the bulk window"));
        assertThat(rejected.get(0).lineNumber()).isPositive();
        assertThat(s.firstAcceptedMillis()).hasValue(1511539217000L);
        assertThat(s.lastAcceptedMillis()).hasValue(1512316761000L);
    }

    @Test
    void noneRuleKeepsEveryTaobaoRow() throws IOException {
        require(TAOBAO);
        IngestSummary s = EventReader.readAll(TAOBAO, IngestOptions.defaults(EventFormat.TAOBAO)
                .withTimeRule(TimeRule.none())).summary();
        assertThat(s.accepted()).isEqualTo(68_737);
        assertThat(s.passes()).isEqualTo(1);
        assertThat(s.bulkWindow()).isEmpty();
    }

    @Test
    void explicitRangeInUtcPlus8MatchesTheAutoRule() throws IOException {
        require(TAOBAO);
        IngestSummary s = EventReader.readAll(TAOBAO, IngestOptions.defaults(EventFormat.TAOBAO)
                .withTimeRule(TimeRule.parse("2017-11-25..2017-12-03@+08:00"))).summary();
        assertThat(s.accepted()).isEqualTo(68_707);
        assertThat(s.bulkWindow()).contains(new TimeRange(WINDOW_FROM, WINDOW_UNTIL));
    }

    @Test
    void autoRuleLosesNoRowOfTheOtherRealSamples() throws IOException {
        record Case(String file, EventFormat format, long rows, long duplicates) {
        }
        List<Case> cases = List.of(
                new Case("taobao/UserBehavior-timesorted-2h.csv", EventFormat.TAOBAO, 110_300, 0),
                // 12,391 newlines, header included, and a last line without one: 12,391 data rows
                new Case("diginetica/sample_train-item-views.csv", EventFormat.DIGINETICA, 12_391, 0),
                new Case("yoochoose/yoochoose-clicks-100k_train_full.txt", EventFormat.YOOCHOOSE, 70_278, 1),
                new Case("yoochoose/yoochoose-clicks-100k_test.txt", EventFormat.YOOCHOOSE, 13_568, 0));
        for (Case c : cases) {
            Path p = require(DATA.resolve(c.file()));
            IngestSummary s = EventReader.readAll(p, IngestOptions.defaults(c.format())).summary();
            assertThat(s.read()).as(c.file()).isEqualTo(c.rows());
            // duplicates counted by `sort | uniq -d`: yoochoose train_full repeats one click byte for byte
            assertThat(s.count(QuarantineReason.DUPLICATE)).as(c.file()).isEqualTo(c.duplicates());
            assertThat(s.quarantined()).as(c.file() + " " + s.quarantinedByReason() + " " + s.bulkWindow())
                    .isEqualTo(c.duplicates());
        }
    }

    @Test
    void readsDigineticaAnonymousUsersAsTheirSession() throws IOException {
        Path p = require(DATA.resolve("diginetica/sample_train-item-views.csv"));
        IngestResult r = EventReader.readAll(p, IngestOptions.defaults(EventFormat.DIGINETICA));
        BehaviorEvent first = r.events().get(0); // 1;NA;81766;526309;2016-05-09
        assertThat(first.userId()).isEqualTo("1");
        assertThat(first.extras().sessionId()).isEqualTo("1");
        assertThat(first.itemId()).isEqualTo("81766");
        assertThat(first.action()).isEqualTo(Action.VIEW);
        assertThat(first.timeMillis()).isEqualTo(Instant.parse("2016-05-09T00:00:00Z").toEpochMilli() + 526_309);
        assertThat(r.summary().headerLines()).isEqualTo(1);
    }
}
