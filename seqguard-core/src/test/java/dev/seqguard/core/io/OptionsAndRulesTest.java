package dev.seqguard.core.io;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsAndRulesTest {

    @Test
    void parsesTimeRuleSpecs() {
        assertThat(TimeRule.parse("auto")).isEqualTo(TimeRule.Auto.DEFAULT);
        assertThat(TimeRule.parse(" NONE ")).isInstanceOf(TimeRule.None.class);
        assertThat(TimeRule.parse("auto:coverage=0.999,tolerance=1d,spill=2h,step=0.2,density=0.1,minRows=5,"
                + "minBinCount=3")).isEqualTo(new TimeRule.Auto(0.999, 0.1, 0.2, Duration.ofHours(2),
                Duration.ofDays(1), 5, 3));
        assertThat(TimeRule.parse("2017-11-25..2017-12-03")).isEqualTo(TimeRule.fixed(new TimeRange(
                Instant.parse("2017-11-25T00:00:00Z").toEpochMilli(),
                Instant.parse("2017-12-04T00:00:00Z").toEpochMilli())));
        assertThat(TimeRule.parse("2017-11-25..2017-12-03@+08:00")).isEqualTo(TimeRule.fixed(new TimeRange(
                Instant.parse("2017-11-24T16:00:00Z").toEpochMilli(),
                Instant.parse("2017-12-03T16:00:00Z").toEpochMilli())));
        assertThat(TimeRule.parse("1511539200..1512316800000")).isEqualTo(TimeRule.fixed(new TimeRange(
                1_511_539_200_000L, 1_512_316_800_000L)));
        assertThat(TimeRule.parse("2017-11-25T00:00:00Z..2017-11-26T12:00:00+08:00")).isEqualTo(TimeRule.fixed(
                new TimeRange(Instant.parse("2017-11-25T00:00:00Z").toEpochMilli(),
                        Instant.parse("2017-11-26T04:00:00Z").toEpochMilli())));
    }

    @Test
    void rejectsBadTimeRulesNamingTheBadPart() {
        assertThatThrownBy(() -> TimeRule.parse("sometimes")).hasMessageContaining("'sometimes'");
        assertThatThrownBy(() -> TimeRule.parse("2017-12-03..2017-11-25")).hasMessageContaining("not after");
        assertThatThrownBy(() -> TimeRule.parse("2017-13-01..2017-12-03")).hasMessageContaining("'2017-13-01'");
        assertThatThrownBy(() -> TimeRule.parse("auto:coverage=2")).hasMessageContaining("coverage")
                .hasMessageContaining("2.0");
        assertThatThrownBy(() -> TimeRule.parse("auto:colour=red")).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> TimeRule.parse("auto:tolerance=soon")).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> TimeRule.parse("auto:spill=30m")).hasMessageContaining("whole hours");
        assertThatThrownBy(() -> TimeRule.parse("2017-11-25..2017-12-03@Mars")).hasMessageContaining("'Mars'");
    }

    @Test
    void parsesColumnSpecs() {
        ColumnMapping m = ColumnMapping.parse("user=uid, item=sku ,time=ts,session=sid");
        assertThat(m).isEqualTo(new ColumnMapping("uid", "sku", "category_id", "behavior", "ts", "sid", null, null,
                null, null));
        assertThat(ColumnMapping.parse(null)).isEqualTo(ColumnMapping.DEFAULT);
        assertThat(ColumnMapping.parse("behaviour=act").behavior()).isEqualTo("act");
        assertThatThrownBy(() -> ColumnMapping.parse("user=a,user=b")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> ColumnMapping.parse("colour=red")).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> ColumnMapping.parse("user=")).hasMessageContaining("key=column");
        assertThatThrownBy(() -> ColumnMapping.parse("user=x,item=x")).hasMessageContaining("'x' twice");
    }

    @Test
    void validatesIngestOptions() {
        IngestOptions d = IngestOptions.defaults(EventFormat.TAOBAO);
        assertThat(d.maxLineLength()).isEqualTo(4096);
        assertThat(d.duplicateWindow()).isEqualTo(1_000_000);
        assertThat(d.timeRule()).isEqualTo(TimeRule.Auto.DEFAULT);
        assertThat(IngestOptions.defaults("generic", "user=u").format().name()).isEqualTo("generic");
        assertThatThrownBy(() -> d.withMaxLineLength(8)).hasMessageContaining("maxLineLength")
                .hasMessageContaining("8");
        assertThatThrownBy(() -> d.withDuplicateWindow(-1)).hasMessageContaining("duplicateWindow");
        assertThatThrownBy(() -> d.withSanity(Instant.parse("1960-01-01T00:00:00Z"), Duration.ZERO))
                .hasMessageContaining("earliestPlausible");
        assertThatThrownBy(() -> d.withSanity(d.earliestPlausible(), Duration.ofHours(-1)))
                .hasMessageContaining("futureSlack");
    }

    @Test
    void summaryRefusesCountsThatDoNotAddUp() {
        TimeRange sanity = new TimeRange(0, 1);
        assertThatThrownBy(() -> new IngestSummary("s", "taobao", 3, 1, 1, java.util.Map.of(
                QuarantineReason.DUPLICATE, 1L), java.util.OptionalLong.of(0), java.util.OptionalLong.of(0), 0, 1,
                sanity, java.util.Optional.empty())).hasMessageContaining("a line was lost");
        assertThatThrownBy(() -> new IngestSummary("s", "taobao", 2, 1, 1, java.util.Map.of(
                QuarantineReason.DUPLICATE, 2L), java.util.OptionalLong.of(0), java.util.OptionalLong.of(0), 0, 1,
                sanity, java.util.Optional.empty())).hasMessageContaining("add up to 2");
    }
}
