package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SupportStructuresTest {

    @Test
    void longHashSetMatchesAJavaSetUnderChurn() {
        Random random = new Random(7);
        LongHashSet set = new LongHashSet(1000);
        Set<Long> reference = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            long key = 1 + random.nextInt(1500); // small key space: many collisions and removals
            if (random.nextBoolean() && reference.size() < 1000) {
                assertThat(set.add(key)).isEqualTo(reference.add(key));
            } else {
                set.remove(key);
                reference.remove(key);
            }
            if (step % 997 == 0) {
                for (long k = 1; k <= 1500; k++) {
                    assertThat(set.contains(k)).isEqualTo(reference.contains(k));
                }
            }
        }
        assertThat(set.size()).isEqualTo(reference.size());
    }

    @Test
    void distinctCounterIsExactWhenSmallAndCloseWhenLarge() {
        DistinctCounter small = new DistinctCounter();
        for (int i = 0; i < 50_000; i++) {
            small.add("item" + (i % 30_000));
        }
        assertThat(small.isExact()).isTrue();
        assertThat(small.count()).isEqualTo(30_000);
        DistinctCounter large = new DistinctCounter();
        for (int i = 0; i < 500_000; i++) {
            large.add(Integer.toString(i % 300_000));
        }
        assertThat(large.isExact()).isFalse();
        assertThat((double) large.count()).isCloseTo(300_000, within(300_000 * 0.03)); // ~4 standard errors
    }

    @Test
    void profilesAHandMadeDataSet() {
        List<BehaviorEvent> events = new ArrayList<>();
        // user a: 1 event, b: 2, c: 3, d: 4 -> p50 = 2, p90 = 4, max 4
        String[] users = {"a", "b", "b", "c", "c", "c", "d", "d", "d", "d"};
        Action[] actions = {Action.VIEW, Action.VIEW, Action.BUY, Action.VIEW, Action.CART, Action.VIEW,
                Action.VIEW, Action.FAV, Action.VIEW, Action.SEARCH};
        for (int i = 0; i < users.length; i++) {
            String item = actions[i] == Action.SEARCH ? "" : "i" + (i % 3);
            events.add(new BehaviorEvent(users[i], item, i < 5 ? "c1" : "", actions[i], 1000L * (10 - i)));
        }
        DatasetProfile p = DatasetProfile.of(events);
        assertThat(p.rows()).isEqualTo(10);
        assertThat(p.users()).isEqualTo(4);
        assertThat(p.items()).isEqualTo(3);
        assertThat(p.categories()).isEqualTo(1);
        assertThat(p.itemsExact()).isTrue();
        assertThat(p.firstMillis()).hasValue(1000L);
        assertThat(p.lastMillis()).hasValue(10_000L);
        assertThat(p.actionCounts()).containsEntry(Action.VIEW, 6L).containsEntry(Action.CLICK, 0L)
                .containsEntry(Action.SEARCH, 1L);
        assertThat(p.share(Action.VIEW)).isEqualTo(0.6);
        assertThat(p.eventsPerUser()).isEqualTo(new DatasetProfile.EventsPerUser(2, 4, 4, 4, 2.5));
        assertThat(p.toMap()).containsEntry("users", 4L).containsKey("behavior_mix").containsKey("events_per_user");
        DatasetProfile empty = DatasetProfile.of(List.of());
        assertThat(empty.eventsPerUser().max()).isZero();
        assertThat(empty.toMap()).containsEntry("first_time", null);
    }

    @Test
    void profilesTheRealTaobaoSampleAsItStreams() throws IOException {
        java.nio.file.Path p = RealDataIngestTest.require(RealDataIngestTest.TAOBAO);
        DatasetProfile.Accumulator acc = new DatasetProfile.Accumulator();
        new EventReader(IngestOptions.defaults(EventFormat.TAOBAO)).read(p, acc, QuarantineSink.DISCARD);
        DatasetProfile profile = acc.result();
        // awk: 652 users; behaviour counts over the 68,707 accepted rows (the 30 dropped are all pv)
        assertThat(profile.rows()).isEqualTo(68_707);
        assertThat(profile.users()).isEqualTo(652);
        assertThat(profile.actionCounts()).containsEntry(Action.BUY, 1466L).containsEntry(Action.CART, 3736L)
                .containsEntry(Action.FAV, 1914L).containsEntry(Action.VIEW, 61_591L);
    }

    @Test
    void benchmarkReplicatesIntoDistinctLinesAndMeasures() throws IOException {
        byte[] data = "1,2,3,pv,1511544070\n5,6,7,buy,1511544071".getBytes(StandardCharsets.US_ASCII);
        byte[] three = IngestBenchmark.replicate(data, 3);
        assertThat(new String(three, StandardCharsets.US_ASCII)).isEqualTo("1,2,3,pv,1511544070\n"
                + "5,6,7,buy,1511544071\n11,2,3,pv,1511544070\n15,6,7,buy,1511544071\n21,2,3,pv,1511544070\n"
                + "25,6,7,buy,1511544071\n");
        IngestBenchmark.Result r = IngestBenchmark.measure(three, Ingest.options(EventFormat.TAOBAO), 1, 3);
        assertThat(r.linesPerRun()).isEqualTo(6);
        assertThat(r.acceptedPerRun()).isEqualTo(6);
        assertThat(r.eventsPerSecond()).hasSize(3);
        assertThat(java.util.Arrays.stream(r.eventsPerSecond()).min().orElseThrow()).isPositive();
        assertThat(r.medianEventsPerSecond()).isPositive();
    }

    @Test
    void benchmarkOfAGzipFileReplicatesThePlainText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path gz = dir.resolve("two.csv.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
            out.write("1,2,3,pv,1511544070\n5,6,7,buy,1511544071\n".getBytes(StandardCharsets.US_ASCII));
        }
        IngestBenchmark.Result r = IngestBenchmark.measure(gz, Ingest.options(EventFormat.TAOBAO), 4, 0, 1);
        assertThat(r.linesPerRun()).isEqualTo(8);
        assertThat(r.acceptedPerRun()).isEqualTo(8);
    }
}
