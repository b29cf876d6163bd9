package dev.seqguard.deep.transformer;

import ai.djl.pytorch.jni.JniUtils;
import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.inject.AnomalyInjector;
import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.inject.EventLabel;
import dev.seqguard.core.inject.InjectionConfig;
import dev.seqguard.core.inject.InjectionResult;
import dev.seqguard.core.inject.UserLabel;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import dev.seqguard.deep.DjlRuntime;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures {@code transformer-mlm} on a Taobao file with the project's anomaly injection: training time, scoring
 * throughput at batch 1 and 64 on one thread, model size, event-level ROC-AUC for injected {@code takeover} and
 * {@code misclick} events, and user-level ROC-AUC and recall per anomaly type next to {@code iforest} and {@code knn}.
 *
 * <pre>java -cp ... dev.seqguard.deep.transformer.TransformerBenchmark [file] [name:param=value,... ...]
 *     [inject=key=value;key=value ...]</pre>
 *
 * <p>Without arguments: {@code data/taobao-sample.csv.gz}, variants {@code default} and {@code width32}, the default
 * injection. Each {@code inject=} argument is one injection setting ({@link InjectionConfig#fromMap}, e.g.
 * {@code inject=seed=11;takeover.views=2..6}); every model variant is fitted and measured on each, so event ROC-AUC per
 * type can be compared across injector settings. System property
 * {@code seqguard.bench.trainThreads} (default 2) sets PyTorch's threads for training; scoring always uses one.
 */
public final class TransformerBenchmark {
    private static final Set<AnomalyType> EVENT_TYPES = Set.of(AnomalyType.TAKEOVER, AnomalyType.MISCLICK);
    private final PrintStream out;

    private TransformerBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 && !args[0].contains(":") ? args[0] : "data/taobao-sample.csv.gz");
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        List<Map<String, String>> injections = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("inject=")) {
                Map<String, String> settings = new LinkedHashMap<>();
                for (String kv : a.substring("inject=".length()).split(";")) {
                    if (!kv.isBlank()) {
                        settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                injections.add(settings);
            } else if (a.contains(":")) {
                variants.put(a.substring(0, a.indexOf(':')), params(a.substring(a.indexOf(':') + 1)));
            }
        }
        if (variants.isEmpty()) {
            variants.put("default", Map.of());
            variants.put("width32", Map.of("width", "32"));
        }
        if (injections.isEmpty()) {
            injections.add(Map.of());
        }
        TransformerBenchmark bench = new TransformerBenchmark(System.out);
        for (Map<String, String> injection : injections) {
            bench.run(file, injection, variants);
        }
    }

    private static Map<String, String> params(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : text.split(",")) {
            if (!kv.isBlank()) {
                p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        return p;
    }

    private void run(Path file, Map<String, String> injection, Map<String, Map<String, String>> variants)
            throws IOException {
        List<BehaviorEvent> real = EventReader.readAll(file, IngestOptions.defaults("taobao", null)).events();
        InjectionResult injected = new AnomalyInjector(InjectionConfig.fromMap(injection)).inject(real);
        List<Sequence> sequences = new SequenceBuilder().build(injected.events());
        Map<BehaviorEvent, AnomalyType> eventType = new HashMap<>();
        for (EventLabel l : injected.eventLabels()) {
            eventType.put(l.event(), l.type());
        }
        Map<String, UserLabel> users = injected.labelsByUser();
        FeatureMatrix features = new SequenceFeatureExtractor().extract(sequences, FeatureContext.ofSequences(sequences));
        DetectionData data = DetectionData.of(features, sequences);
        int events = sequences.stream().mapToInt(Sequence::length).sum();
        out.printf(Locale.ROOT, "%n%s, injection %s: %,d events (%,d injected), %,d users (%s anomalous: %s)%n", file,
                injection.isEmpty() ? "defaults" : injection, events, injected.eventLabels().size(), sequences.size(),
                injected.anomalousUserCount(), injected.anomalousUsersByType());
        Map<AnomalyType, Long> positives = new EnumMap<>(AnomalyType.class);
        injected.eventLabels().forEach(l -> positives.merge(l.type(), 1L, Long::sum));
        out.printf(Locale.ROOT, "injected events: takeover %d, misclick %d%n",
                positives.getOrDefault(AnomalyType.TAKEOVER, 0L), positives.getOrDefault(AnomalyType.MISCLICK, 0L));
        AnomalyType[] types = injected.anomalousUsersByType().keySet().toArray(AnomalyType[]::new);
        int trainThreads = Integer.getInteger("seqguard.bench.trainThreads", 2);
        DjlRuntime.engine();

        out.println();
        out.printf(Locale.ROOT, "%-10s %8s %6s %8s %9s %9s %9s %9s %8s %8s %8s %8s%n", "variant", "train s", "epochs",
                "size MB", "seq/s b1", "ev/s b1", "seq/s b64", "ev/s b64", "evAUC", "evAUCin", "tkAUC", "mcAUC");
        Map<String, double[]> userScores = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> v : variants.entrySet()) {
            JniUtils.setNumThreads(trainThreads);
            long t0 = System.nanoTime();
            TransformerMlmDetector.FittedTransformerMlm f = (TransformerMlmDetector.FittedTransformerMlm)
                    DetectorRegistry.fit(TransformerMlmDetector.NAME, data, v.getValue(), 1);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "%s: fitted in %.1f s, %s%n", v.getKey(), trainSeconds, f.training());
            JniUtils.setNumThreads(1);
            double sizeMb = ModelIO.mapper().writeValueAsBytes(ModelIO.toJson(f)).length / 1e6;
            SurpriseScorer scorer = LanguageModel.scorer(
                    LanguageModel.live(f.weights(), f.config().encoder(), f.vocabulary()), f.config().encoder());
            scorer.score(sequences.subList(0, 50), 64, false);
            List<Sequence> few = sequences.subList(0, Math.min(150, sequences.size()));
            int fewEvents = few.stream().mapToInt(Sequence::length).sum();
            t0 = System.nanoTime();
            scorer.score(few, 1, false);
            double b1 = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<SurpriseScorer.Predictions> p = scorer.score(sequences, 64, false);
            double b64 = (System.nanoTime() - t0) / 1e9;
            double[] eventAuc = eventAuc(sequences, p, eventType, users);
            out.printf(Locale.ROOT, "%-10s %8.1f %6d %8.2f %9.0f %9.0f %9.0f %9.0f %8.3f %8.3f %8.3f %8.3f%n",
                    v.getKey(), trainSeconds, f.training().epochs(), sizeMb, few.size() / b1, fewEvents / b1,
                    sequences.size() / b64, events / b64, eventAuc[0], eventAuc[1], eventAuc[2], eventAuc[3]);
            out.printf(Locale.ROOT, "           training: %s%n", f.training());
            for (TransformerMlmDetector.SequenceScore s : TransformerMlmDetector.SequenceScore.values()) {
                userScores.put(v.getKey() + "/" + s.name().toLowerCase(Locale.ROOT),
                        p.stream().mapToDouble(x -> f.aggregate(x, s)).toArray());
            }
        }
        for (String peer : List.of("iforest", "knn")) {
            userScores.put(peer, DetectorRegistry.fit(peer, data, Map.of(), 1).score(data));
        }
        userTable(sequences, users, types, userScores, (int) injected.anomalousUserCount());
    }

    /** ROC-AUC of takeover + misclick events against all others; within the affected users; takeover; misclick. */
    private static double[] eventAuc(List<Sequence> sequences, List<SurpriseScorer.Predictions> p,
                                     Map<BehaviorEvent, AnomalyType> eventType, Map<String, UserLabel> users) {
        List<double[]> all = new ArrayList<>();
        List<double[]> within = new ArrayList<>();
        List<double[]> takeover = new ArrayList<>();
        List<double[]> misclick = new ArrayList<>();
        for (int r = 0; r < sequences.size(); r++) {
            Sequence s = sequences.get(r);
            UserLabel ul = users.get(s.userId());
            boolean affected = ul != null && ul.anomalous() && EVENT_TYPES.contains(ul.type());
            for (int i = 0; i < s.length(); i++) {
                AnomalyType t = eventType.get(s.events().get(i));
                double score = p.get(r).surprise()[i];
                boolean positive = t != null && EVENT_TYPES.contains(t);
                if (t != null && !positive) {
                    continue;
                }
                double[] row = {score, positive ? 1 : 0};
                all.add(row);
                if (affected) {
                    within.add(row);
                }
                if (!positive || t == AnomalyType.TAKEOVER) {
                    takeover.add(row);
                }
                if (!positive || t == AnomalyType.MISCLICK) {
                    misclick.add(row);
                }
            }
        }
        return new double[] {auc(all), auc(within), auc(takeover), auc(misclick)};
    }

    private void userTable(List<Sequence> sequences, Map<String, UserLabel> users, AnomalyType[] types,
                           Map<String, double[]> scores, int flagged) {
        out.println();
        out.printf(Locale.ROOT, "user level: ROC-AUC per type (vs normal users) / recall per type when the top %d users "
                + "are flagged%n", flagged);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s %7s", "detector", "all"));
        for (AnomalyType t : types) {
            head.append(String.format(Locale.ROOT, " %15s", t.code()));
        }
        out.println(head);
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            double[] s = e.getValue();
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            double threshold = sorted[sorted.length - flagged];
            Map<AnomalyType, int[]> recall = new EnumMap<>(AnomalyType.class);
            List<double[]> allRows = new ArrayList<>();
            Map<AnomalyType, List<double[]>> perType = new EnumMap<>(AnomalyType.class);
            for (int r = 0; r < sequences.size(); r++) {
                UserLabel l = users.get(sequences.get(r).userId());
                boolean anomalous = l != null && l.anomalous();
                allRows.add(new double[] {s[r], anomalous ? 1 : 0});
                for (AnomalyType t : types) {
                    if (!anomalous || l.type() == t) {
                        perType.computeIfAbsent(t, k -> new ArrayList<>()).add(new double[] {s[r], anomalous ? 1 : 0});
                    }
                }
                if (anomalous) {
                    int[] c = recall.computeIfAbsent(l.type(), k -> new int[2]);
                    c[0] += s[r] >= threshold ? 1 : 0;
                    c[1]++;
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %7.3f", e.getKey(), auc(allRows)));
            for (AnomalyType t : types) {
                int[] c = recall.get(t);
                line.append(String.format(Locale.ROOT, "   %5.3f / %4.2f", auc(perType.get(t)), c[0] / (double) c[1]));
            }
            out.println(line);
        }
    }

    /** ROC-AUC by ranks (ties share their mean rank) of rows {score, label}. */
    static double auc(List<double[]> rows) {
        double[][] r = rows.toArray(double[][]::new);
        Arrays.sort(r, (a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < r.length) {
            int j = i;
            while (j < r.length && r[j][0] == r[i][0]) {
                j++;
            }
            double meanRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (r[k][1] == 1) {
                    rankSum += meanRank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = r.length - pos;
        return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
