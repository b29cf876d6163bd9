package dev.seqguard.detect.stat;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal readers of the shared real data for measurement tests (the real ingest lives in seqguard-core). */
public final class RealData {
    public static final Path TAOBAO = Path.of("/work/shared/data/taobao/UserBehavior-sample.csv");
    public static final Path ODDS = Path.of("/work/shared/data/odds");

    private RealData() {
    }

    /** One sequence per Taobao user, events ordered by time. */
    public static List<Sequence> taobaoUsers() throws IOException {
        Map<String, List<BehaviorEvent>> byUser = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TAOBAO)) {
            String[] f = line.split(",");
            if (f.length != 5) {
                continue;
            }
            Action a = Action.parse(f[3]).orElse(null);
            if (a == null) {
                continue;
            }
            byUser.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new BehaviorEvent(f[0], f[1], f[2], a, Long.parseLong(f[4]) * 1000));
        }
        List<Sequence> out = new ArrayList<>();
        byUser.forEach((u, ev) -> {
            ev.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
            out.add(new Sequence(u, u, ev));
        });
        return out;
    }

    /** An ODDS table: rows and labels (1 = anomaly). */
    public record Table(double[][] rows, int[] labels) {
    }

    public static Table odds(String name) throws IOException {
        List<String> lines = Files.readAllLines(ODDS.resolve(name + ".csv"));
        double[][] rows = new double[lines.size() - 1][];
        int[] labels = new int[rows.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            labels[i - 1] = f[0].equals("anomaly") ? 1 : 0;
            rows[i - 1] = new double[f.length - 1];
            for (int j = 1; j < f.length; j++) {
                rows[i - 1][j - 1] = Double.parseDouble(f[j]);
            }
        }
        return new Table(rows, labels);
    }

    /** ROC-AUC by the rank-sum (Mann-Whitney) formula, ties counted half. */
    public static double rocAuc(double[] scores, int[] labels) {
        double wins = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            pos++;
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] == 0) {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        for (int l : labels) {
            neg += l == 0 ? 1 : 0;
        }
        return wins / (pos * (double) neg);
    }
}
