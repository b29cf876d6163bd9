package dev.seqguard.cli;

import dev.seqguard.recsys.log.AnomalyLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "flags", mixinStandardHelpOptions = true,
        description = {"Queries the anomaly log that `seqguard recommend --model` writes (DIR/flags.db).",
                "It answers which items and categories flagged accounts target most, by how many accounts and at what"
                        + " hours, and who was flagged. Without a query option: the log's summary, the top 10 items and"
                        + " the top 10 categories."})
final class FlagsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The anomaly log (flags.db).")
    Path db;

    @Option(names = "--top-items", paramLabel = "N", description = "The N items touched by the most flagged accounts.")
    Integer topItems;

    @Option(names = "--top-categories", paramLabel = "N", description = "The N categories touched by the most flagged accounts.")
    Integer topCategories;

    @Option(names = "--by-hour", description = "Flagged events and accounts per local hour of the day.")
    boolean byHour;

    @Option(names = "--users", description = "The flagged users, highest score first, with explanation and their most-touched items.")
    boolean users;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "Most users listed by --users. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() throws IOException {
        for (Integer n : new Integer[] {topItems, topCategories, limit}) {
            if (n != null && n < 1) {
                throw new UserInputException("counts must be >= 1, got " + n);
            }
        }
        boolean none = topItems == null && topCategories == null && !byHour && !users;
        try (AnomalyLog log = AnomalyLog.open(db)) {
            AnomalyLog.RunInfo run = log.run();
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(run.utcOffsetMinutes() * 60);
            if (none) {
                System.out.printf(Locale.ROOT, "%s: %d of %d users flagged by %s (threshold %.4g), %d events flagged on their own by %s%n",
                        run.source(), run.flaggedUsers(), run.users(), run.detector(), run.threshold(),
                        run.flaggedEvents(), run.eventScorer());
            }
            if (topItems != null || none) {
                section("items", log.topItems(topItems == null ? 10 : topItems), zone, true);
            }
            if (topCategories != null || none) {
                section("categories", log.topCategories(topCategories == null ? 10 : topCategories), zone, false);
            }
            if (byHour) {
                List<AnomalyLog.HourCount> hours = log.byHour();
                long max = hours.stream().mapToLong(AnomalyLog.HourCount::events).max().orElse(1);
                System.out.printf(Locale.ROOT, "%nflagged activity by hour (%s)%n%4s %8s %8s%n", zone, "hour", "events", "accounts");
                for (AnomalyLog.HourCount h : hours) {
                    System.out.printf(Locale.ROOT, "%4d %8d %8d %s%n", h.hour(), h.events(), h.accounts(),
                            "#".repeat((int) Math.round(40.0 * h.events() / Math.max(1, max))));
                }
            }
            if (users) {
                System.out.printf(Locale.ROOT, "%n%-14s %9s %6s %7s %-16s %-16s %-30s %s%n", "user", "score", "pctl",
                        "events", "first", "last", "top items", "why");
                for (AnomalyLog.FlaggedUser u : log.users(limit)) {
                    System.out.printf(Locale.ROOT, "%-14s %9.4g %6.3f %7d %-16s %-16s %-30s %s%n", u.userId(), u.score(),
                            u.percentile(), u.events(), time(u.firstMs(), zone), time(u.lastMs(), zone),
                            String.join(" ", u.topItems()), u.explanation());
                }
            }
        }
        return SeqGuard.EXIT_OK;
    }

    private static void section(String what, List<AnomalyLog.Targeted> rows, ZoneOffset zone, boolean items) {
        System.out.printf(Locale.ROOT, "%n%s targeted most (by distinct flagged accounts)%n", what);
        System.out.printf(Locale.ROOT, "%-14s %s%8s %8s %7s %7s  %-16s %-16s%n", items ? "item" : "category",
                items ? String.format(Locale.ROOT, "%-10s ", "category") : "", "flagged", "accounts", "share",
                "events", "first", "last");
        for (AnomalyLog.Targeted t : rows) {
            System.out.printf(Locale.ROOT, "%-14s %s%8d %8d %6.0f%% %7d  %-16s %-16s%n", t.id(),
                    items ? String.format(Locale.ROOT, "%-10s ", t.category()) : "", t.flaggedAccounts(),
                    t.allAccounts(), 100 * t.flaggedShare(), t.flaggedEvents(), time(t.firstMs(), zone),
                    time(t.lastMs(), zone));
        }
    }

    private static String time(long ms, ZoneOffset zone) {
        return TIME.format(Instant.ofEpochMilli(ms).atOffset(zone));
    }
}
