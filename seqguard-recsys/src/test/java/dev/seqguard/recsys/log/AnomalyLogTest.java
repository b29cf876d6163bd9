package dev.seqguard.recsys.log;

import static dev.seqguard.recsys.Events.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.recsys.clean.DetectionScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyLogTest {
    @TempDir
    Path dir;

    /**
     * Flagged f1, f2 (scores 0.9, 0.8) both touch T (category t); f1 also views the popular P that real r1, r2
     * touch. Real r1 has one event flagged on its own (item X). Times in UTC: 01:00 and 02:00 (UTC+8: 9 and 10).
     */
    static final List<BehaviorEvent> EVENTS = List.of(
            ev("f1", "T", "t", "buy", 3600), ev("f1", "P", "p", "pv", 3601), ev("f1", "T", "t", "pv", 3602),
            ev("f2", "T", "t", "buy", 7200),
            ev("r1", "P", "p", "pv", 100), ev("r1", "X", "p", "pv", 7300), ev("r2", "P", "p", "pv", 200));

    static DetectionScores scores() {
        Map<String, Double> users = new LinkedHashMap<>();
        users.put("f1", 0.9);
        users.put("f2", 0.8);
        users.put("r1", 0.2);
        users.put("r2", 0.1);
        return new DetectionScores(users, Map.of("f1", "gap_cv=0.1 (5)", "f2", "buy_share=1 (4)"), 0.5,
                new double[] {0.5, 0.1, 0.2, 0.6, 0.1, 0.99, 0.1}, "robust-z", "hmm", 480);
    }

    @Test
    void roundTripAnswersWhichItemsCategoriesAndHoursAreTargeted() throws Exception {
        Path db = dir.resolve("out/flags.db");
        boolean[] flaggedEvents = {false, false, false, false, false, true, false};
        AnomalyLog.write(db, "events.csv", EVENTS, scores(), flaggedEvents);
        try (AnomalyLog log = AnomalyLog.open(db)) {
            AnomalyLog.RunInfo run = log.run();
            assertThat(run.flaggedUsers()).isEqualTo(2);
            assertThat(run.flaggedEvents()).isEqualTo(1);
            assertThat(run.detector()).isEqualTo("robust-z");
            assertThat(run.users()).isEqualTo(4);

            List<AnomalyLog.Targeted> items = log.topItems(10);
            assertThat(items).extracting(AnomalyLog.Targeted::id).containsExactly("T", "P", "X");
            assertThat(items.get(0).flaggedAccounts()).isEqualTo(2);
            assertThat(items.get(0).allAccounts()).isEqualTo(2);
            assertThat(items.get(0).flaggedEvents()).isEqualTo(3);
            assertThat(items.get(0).firstMs()).isEqualTo(3_600_000);
            assertThat(items.get(0).lastMs()).isEqualTo(7_200_000);
            assertThat(items.get(1).flaggedAccounts()).isEqualTo(1);
            assertThat(items.get(1).allAccounts()).isEqualTo(3);
            assertThat(items.get(2).flaggedAccounts()).isZero();
            assertThat(log.topItems(1)).hasSize(1);

            List<AnomalyLog.Targeted> cats = log.topCategories(5);
            assertThat(cats).extracting(AnomalyLog.Targeted::id).containsExactly("t", "p");
            assertThat(cats.get(1).flaggedAccounts()).isEqualTo(1);
            assertThat(cats.get(1).allAccounts()).isEqualTo(3);

            List<AnomalyLog.HourCount> hours = log.byHour();
            assertThat(hours).hasSize(24);
            assertThat(hours.get(9).events()).isEqualTo(3);
            assertThat(hours.get(9).accounts()).isEqualTo(1);
            assertThat(hours.get(10).events()).isEqualTo(2);
            assertThat(hours.get(10).accounts()).isEqualTo(2);
            assertThat(hours.stream().mapToLong(AnomalyLog.HourCount::events).sum()).isEqualTo(5);

            List<AnomalyLog.FlaggedUser> users = log.users(10);
            assertThat(users).extracting(AnomalyLog.FlaggedUser::userId).containsExactly("f1", "f2");
            assertThat(users.get(0).explanation()).isEqualTo("gap_cv=0.1 (5)");
            assertThat(users.get(0).topItems()).containsExactly("T", "P");
            assertThat(users.get(0).events()).isEqualTo(3);
            assertThat(users.get(0).percentile()).isEqualTo(1.0);
            assertThat(users.get(1).percentile()).isEqualTo(0.75);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); ResultSet r =
                c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
        // writing again replaces the log
        AnomalyLog.write(db, "events.csv", EVENTS, scores(), null);
        try (AnomalyLog log = AnomalyLog.open(db)) {
            assertThat(log.run().flaggedEvents()).isZero();
            assertThat(log.topItems(10)).extracting(AnomalyLog.Targeted::id).containsExactly("T", "P");
        }
    }

    @Test
    void missingOrForeignFilesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> AnomalyLog.open(dir.resolve("none.db"))).isInstanceOf(NoSuchFileException.class);
        Path text = dir.resolve("text.db");
        Files.writeString(text, "not a database");
        assertThatThrownBy(() -> AnomalyLog.open(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a SeqGuard anomaly log");
    }
}
