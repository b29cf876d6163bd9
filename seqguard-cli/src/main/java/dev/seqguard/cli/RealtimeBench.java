package dev.seqguard.cli;

import dev.seqguard.eval.metrics.Confusion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench realtime}: streaming flags against batch flags on the same users ({@link RealtimeRun}, one row per
 * log and seed), the issue-13 floors per row, and whether serve and stream raise exactly replay's flags.
 */
@Command(name = "realtime", mixinStandardHelpOptions = true,
        description = {"Compares streaming flags with batch flags: precision, recall, F1 per log and seed.",
                "For every --log and --seed: anomalies are injected, `select --labels` gets 30%% of the anomalous and"
                        + " of the normal users' labels, and the other 70%% are flagged by batch (scores.csv) and by"
                        + " `replay --model DIR --events F`; user level, and event level against the injected"
                        + " events. The first cell also runs `serve` (loopback HTTP) and `stream` (Flink mini-cluster)"
                        + " and checks that they raise exactly replay's flags. Floors: streaming user F1 >= 0.80 and"
                        + " within 0.05 of batch. Writes its files under --work and keeps them."})
final class RealtimeBench implements Callable<Integer> {
    static final double FLOOR_F1 = 0.80;
    static final double FLOOR_GAP = 0.05;

    @Option(names = "--log", paramLabel = "FORMAT:FILE[:TYPES]",
            description = "A real log to inject into (repeatable); TYPES as inject's --types. Default: the bundled"
                    + " Taobao sample (taobao:data/taobao-sample.csv.gz:all).")
    List<String> logs = new ArrayList<>();

    @Option(names = "--seeds", split = ",", paramLabel = "N", defaultValue = "11,12,13",
            description = "Injector seeds, one row each per log. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--no-check-paths", description = "Skip the serve and stream equality check.")
    boolean noCheckPaths;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the runs' files go. Default: a new temporary directory.")
    Path work;

    @Override
    public Integer call() throws Exception {
        List<RealtimeLog> parsed = new ArrayList<>();
        for (String spec : logs) {
            parsed.add(RealtimeLog.parse(spec));
        }
        if (parsed.isEmpty()) {
            parsed.add(new RealtimeLog("taobao", BundledData.sample(), "all"));
        }
        Path root = work != null ? Files.createDirectories(work) : Files.createTempDirectory("seqguard-realtime");
        System.out.printf(Locale.ROOT, "bench realtime: %d log(s) x %d seed(s); select --labels with %.0f%% of users"
                        + " labelled, figures on the other users; streaming = replay --model DIR --events F; files in %s%n",
                parsed.size(), seeds.size(), RealtimeRun.LABELLED_SHARE * 100, root);
        System.out.printf("%-34s %5s %-16s %6s %5s | %-17s | %-17s | %6s %-5s | %-17s | %-17s%n", "log", "seed",
                "detector", "users", "anom", "batch user P/R/F1", "stream user P/R/F1", "dF1", "floor",
                "batch event P/R/F1", "stream event P/R/F1");
        boolean allMet = true;
        RealtimeRun.Outcome first = null;
        for (RealtimeLog log : parsed) {
            Path dir = Files.createDirectories(root.resolve(log.name()));
            Path taobao = log.toTaobao(dir.resolve("taobao.csv"));
            for (long seed : seeds) {
                RealtimeRun.Outcome o = RealtimeRun.run(log, taobao, seed, Files.createDirectories(dir.resolve("seed-" + seed)));
                first = first == null ? o : first;
                double gap = o.batchUsers().f1() - o.streamUsers().f1();
                boolean met = o.streamUsers().f1() >= FLOOR_F1 && gap <= FLOOR_GAP;
                allMet &= met;
                System.out.printf(Locale.ROOT, "%-34s %5d %-16s %6d %5d | %s | %s | %+6.3f %-5s | %s | %s%n", log.name(),
                        seed, o.detector(), o.users(), o.batchUsers().positives(), prf(o.batchUsers()),
                        prf(o.streamUsers()), -gap, met ? "met" : "NOT", prf(o.batchEvents()), prf(o.streamEvents()));
                System.out.printf(Locale.ROOT, "  streaming caught %d anomalous users: %d at an event, %d only when idle"
                                + " (%s)%n", o.caughtAtEvent() + o.caughtIdle(), o.caughtAtEvent(), o.caughtIdle(),
                        o.idleGapMillis() == 0 ? "no idle decision"
                                : "judged after " + o.idleGapMillis() / 60_000 + " min without an event");
            }
        }
        System.out.println("group statistics: the frozen snapshot select saved (model/context.bin.gz); no live update,"
                + " so no per-event update cost (live update with decay is not implemented)");
        if (!noCheckPaths && first != null) {
            PathEquality.Lines lines = PathEquality.check(first.dir().resolve("select").resolve("model"),
                    first.dir().resolve("inject").resolve("events.csv"), first.events(), first.replay(),
                    first.dir().resolve("paths"));
            System.out.printf(Locale.ROOT, "%s seed %d: replay %d flags; serve %d flags, %s; stream (Flink, parallelism"
                            + " 2) %d flags, %s%n", first.log(), first.seed(), lines.replay().size(), lines.serve().size(),
                    lines.serveEqual() ? "equal to replay" : "DIFFERENT from replay", lines.stream().size(),
                    lines.streamEqual() ? "equal to replay" : "DIFFERENT from replay");
            allMet &= lines.serveEqual() && lines.streamEqual();
        }
        System.out.printf("floors (streaming user F1 >= %.2f and within %.2f of batch; serve = stream = replay): %s%n",
                FLOOR_F1, FLOOR_GAP, allMet ? "met in every row" : "NOT met everywhere");
        return SeqGuard.EXIT_OK;
    }

    private static String prf(Confusion c) {
        return String.format(Locale.ROOT, "%.3f %.3f %.3f", c.precision(), c.recall(), c.f1());
    }
}
