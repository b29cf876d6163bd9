package dev.seqguard.eval.report;

import dev.seqguard.eval.metrics.CurvePoint;
import dev.seqguard.eval.metrics.TypeRecall;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Everything {@link HtmlReport} shows, as an immutable record tree. Start from {@link #of(String, String)} and add
 * parts with the {@code with…} methods (each returns a copy). Parts left empty are shown as "not available" with
 * the reason, so the report always has the same sections. All text is escaped when written; it may come from user
 * data.
 *
 * @param title         the report's title
 * @param subtitle      what was analysed (input file, layout, time range)
 * @param generated     when and by what the report was made (free text; may be empty)
 * @param summary       data summary: rows read/accepted/quarantined, users, seed, labels used, selection method and
 *                      confidence, in display order
 * @param leaderboard   one row per detector, in display order (usually best first)
 * @param rocCurves     ROC curves per detector; at most six are drawn (the selected one and the first five others)
 * @param prCurves      PR curves per detector, same rule
 * @param anomalyShare  share of anomalous rows in the labelled set (the PR chance line); NaN when unknown
 * @param histogram     scores of the selected detector, or {@code null}
 * @param typeRecall    per-type recall table, or {@code null} when there are no typed labels
 * @param flaggedUsers  the top flagged users, strongest first
 * @param zone          the time zone event times are shown in
 * @param sections      extra sections added by later stages (e.g. recommender lift), in display order
 */
public record ReportModel(String title, String subtitle, String generated, List<KeyValue> summary,
                          List<LeaderboardRow> leaderboard, List<CurveSeries> rocCurves, List<CurveSeries> prCurves,
                          double anomalyShare, ScoreHistogram histogram, TypeRecallTable typeRecall,
                          List<FlaggedUser> flaggedUsers, ZoneId zone, List<Section> sections) {
    public ReportModel {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("report title must not be blank");
        }
        subtitle = subtitle == null ? "" : subtitle;
        generated = generated == null ? "" : generated;
        summary = copy(summary);
        leaderboard = copy(leaderboard);
        rocCurves = copy(rocCurves);
        prCurves = copy(prCurves);
        flaggedUsers = copy(flaggedUsers);
        sections = copy(sections);
        zone = zone == null ? ZoneOffset.UTC : zone;
        if (!Double.isNaN(anomalyShare) && !(anomalyShare >= 0 && anomalyShare <= 1)) {
            throw new IllegalArgumentException("anomalyShare must be in [0, 1] or NaN, got " + anomalyShare);
        }
    }

    /** An empty report with a title and a line saying what was analysed. */
    public static ReportModel of(String title, String subtitle) {
        return new ReportModel(title, subtitle, "", List.of(), List.of(), List.of(), List.of(), Double.NaN, null,
                null, List.of(), ZoneOffset.UTC, List.of());
    }

    public ReportModel withGenerated(String text) {
        return new ReportModel(title, subtitle, text, summary, leaderboard, rocCurves, prCurves, anomalyShare,
                histogram, typeRecall, flaggedUsers, zone, sections);
    }

    public ReportModel withSummary(List<KeyValue> items) {
        return new ReportModel(title, subtitle, generated, items, leaderboard, rocCurves, prCurves, anomalyShare,
                histogram, typeRecall, flaggedUsers, zone, sections);
    }

    public ReportModel withLeaderboard(List<LeaderboardRow> rows) {
        return new ReportModel(title, subtitle, generated, summary, rows, rocCurves, prCurves, anomalyShare,
                histogram, typeRecall, flaggedUsers, zone, sections);
    }

    /** ROC and PR curves, and the anomaly share the PR chart draws as its chance line (NaN if unknown). */
    public ReportModel withCurves(List<CurveSeries> roc, List<CurveSeries> pr, double share) {
        return new ReportModel(title, subtitle, generated, summary, leaderboard, roc, pr, share, histogram,
                typeRecall, flaggedUsers, zone, sections);
    }

    public ReportModel withHistogram(ScoreHistogram h) {
        return new ReportModel(title, subtitle, generated, summary, leaderboard, rocCurves, prCurves, anomalyShare,
                h, typeRecall, flaggedUsers, zone, sections);
    }

    public ReportModel withTypeRecall(TypeRecallTable t) {
        return new ReportModel(title, subtitle, generated, summary, leaderboard, rocCurves, prCurves, anomalyShare,
                histogram, t, flaggedUsers, zone, sections);
    }

    public ReportModel withFlaggedUsers(List<FlaggedUser> users, ZoneId timeZone) {
        return new ReportModel(title, subtitle, generated, summary, leaderboard, rocCurves, prCurves, anomalyShare,
                histogram, typeRecall, users, timeZone, sections);
    }

    /** Adds one more section at the end. */
    public ReportModel withSection(Section s) {
        List<Section> more = new ArrayList<>(sections);
        more.add(Objects.requireNonNull(s, "section"));
        return new ReportModel(title, subtitle, generated, summary, leaderboard, rocCurves, prCurves, anomalyShare,
                histogram, typeRecall, flaggedUsers, zone, more);
    }

    /** A labelled value. */
    public record KeyValue(String key, String value) {
        public KeyValue {
            key = key == null ? "" : key;
            value = value == null ? "" : value;
        }
    }

    /**
     * One leaderboard row.
     *
     * @param detector detector name
     * @param family   detector family (e.g. {@code STATISTICAL})
     * @param selected whether this is the selected detector
     * @param metrics  metric name to value, in display order; NaN or a missing key shows as a dash. Names from
     *                 {@code Evaluation.metrics()} get short headers (ROC-AUC, PR-AUC, P@k, ...)
     * @param note     free text (e.g. why a detector failed); may be empty
     */
    public record LeaderboardRow(String detector, String family, boolean selected, Map<String, Double> metrics,
                                 String note) {
        public LeaderboardRow {
            detector = Objects.requireNonNull(detector, "detector");
            family = family == null ? "" : family;
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
            note = note == null ? "" : note;
        }

        public LeaderboardRow(String detector, String family, boolean selected, Map<String, Double> metrics) {
            this(detector, family, selected, metrics, "");
        }
    }

    /**
     * One detector's curve.
     *
     * @param detector detector name (legend)
     * @param selected drawn thick when true
     * @param area     area under the curve for the legend (ROC-AUC or average precision); NaN to omit
     * @param points   from {@code RocCurve.of} / {@code PrCurve.of}, downsampled to ~200 points
     */
    public record CurveSeries(String detector, boolean selected, double area, List<CurvePoint> points) {
        public CurveSeries {
            detector = Objects.requireNonNull(detector, "detector");
            points = copy(points);
        }
    }

    /**
     * The score distribution of one detector with its threshold.
     *
     * @param detector  detector name
     * @param scores    every score
     * @param labels    per score 1, 0 or -1 (unknown), or {@code null} when nothing is labelled
     * @param threshold flag = score &gt;= threshold
     * @param rule      how the threshold was chosen (e.g. {@code ThresholdRule.describe()})
     */
    public record ScoreHistogram(String detector, double[] scores, int[] labels, double threshold, String rule) {
        public ScoreHistogram {
            detector = Objects.requireNonNull(detector, "detector");
            scores = scores.clone();
            labels = labels == null ? null : labels.clone();
            if (labels != null && labels.length != scores.length) {
                throw new IllegalArgumentException("histogram has " + scores.length + " scores but " + labels.length
                        + " labels");
            }
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isFinite(scores[i])) {
                    throw new IllegalArgumentException("histogram score at index " + i + " is " + scores[i]);
                }
            }
            rule = rule == null ? "" : rule;
        }
    }

    /**
     * Recall per anomaly type for several detectors.
     *
     * @param measure    what the cells are, e.g. {@code recall at k}
     * @param typeCounts anomalous rows per type (column order)
     * @param rows       one row per detector
     */
    public record TypeRecallTable(String measure, Map<String, Integer> typeCounts, List<TypeRecallRow> rows) {
        public TypeRecallTable {
            measure = measure == null ? "recall" : measure;
            typeCounts = Collections.unmodifiableMap(new LinkedHashMap<>(typeCounts));
            rows = copy(rows);
        }

        /**
         * Builds the table from {@code Evaluation.recallByType()} maps (detector name to map, in display order).
         *
         * @param atK true for recall at k, false for recall at the threshold
         */
        public static TypeRecallTable of(Map<String, Map<String, TypeRecall>> byDetector, String selected,
                                         boolean atK) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            List<TypeRecallRow> rows = new ArrayList<>();
            ToDoubleFunction<TypeRecall> value = atK ? TypeRecall::recallAtK : TypeRecall::recallAtThreshold;
            byDetector.forEach((detector, types) -> {
                Map<String, Double> cells = new LinkedHashMap<>();
                types.forEach((type, r) -> {
                    counts.putIfAbsent(type, r.count());
                    cells.put(type, value.applyAsDouble(r));
                });
                rows.add(new TypeRecallRow(detector, detector.equals(selected), cells));
            });
            return new TypeRecallTable(atK ? "recall at k" : "recall at the threshold", counts, rows);
        }
    }

    /** One detector's recall per type (type to value in [0, 1]; a missing type shows as a dash). */
    public record TypeRecallRow(String detector, boolean selected, Map<String, Double> recall) {
        public TypeRecallRow {
            detector = Objects.requireNonNull(detector, "detector");
            recall = Collections.unmodifiableMap(new LinkedHashMap<>(recall));
        }
    }

    /**
     * A flagged user and the events behind the flag.
     *
     * @param userId      the user (escaped when shown)
     * @param score       the user's score
     * @param label       the known label or anomaly type (e.g. {@code click_farming}, {@code normal}); empty if unknown
     * @param explanation why the score is high, e.g. {@code Explanation.summary(5)}
     * @param events      the user's events in time order; the report shows at most 40 of them
     */
    public record FlaggedUser(String userId, double score, String label, String explanation,
                              List<TimelineEvent> events) {
        public FlaggedUser {
            userId = Objects.requireNonNull(userId, "userId");
            label = label == null ? "" : label;
            explanation = explanation == null ? "" : explanation;
            events = copy(events);
        }
    }

    /**
     * One event of a flagged user's sequence.
     *
     * @param timeMillis epoch milliseconds
     * @param action     action code ({@code pv}, {@code cart}, {@code buy}, ...)
     * @param item       item id
     * @param category   category id, may be empty
     * @param score      the event's own anomaly score, NaN when the detector has none
     */
    public record TimelineEvent(long timeMillis, String action, String item, String category, double score) {
        public TimelineEvent {
            action = action == null ? "" : action;
            item = item == null ? "" : item;
            category = category == null ? "" : category;
        }
    }

    /**
     * A free-form section.
     *
     * @param title section title
     * @param note  one or two sentences saying what it means; may be empty
     * @param items key/value pairs, may be empty
     * @param table a table, or {@code null}
     */
    public record Section(String title, String note, List<KeyValue> items, Table table) {
        public Section {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("section title must not be blank");
            }
            note = note == null ? "" : note;
            items = copy(items);
        }
    }

    /** A plain table: header cells and rows of text cells. */
    public record Table(List<String> header, List<List<String>> rows) {
        public Table {
            header = copy(header);
            List<List<String>> r = new ArrayList<>();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("table row " + r.size() + " has " + row.size()
                            + " cells but the header has " + header.size());
                }
                r.add(row.stream().map(c -> c == null ? "" : c).toList());
            }
            rows = List.copyOf(r);
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
