package dev.seqguard.core.io;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Which event times count as "far outside the bulk of the data" ({@link QuarantineReason#TIME_OUT_OF_RANGE}).
 * Independently of this rule, ingest always applies the absolute sanity window of {@link IngestOptions}
 * (not before 2000-01-01, not more than a day in the future, by default).
 *
 * <p>Spec strings ({@link #parse}): {@code auto}, {@code auto:coverage=0.99,density=0.05,step=0.1,spill=1h,tolerance=0,minRows=1000,minBinCount=20},
 * {@code none}, or an explicit range {@code FROM..TO[@OFFSET]}: dates ({@code 2017-11-25..2017-12-03}, both days
 * included), ISO date-times or instants, or epoch seconds/milliseconds ({@code 1511539200..1512316800}); a date-time
 * or epoch {@code TO} is exclusive. {@code @+08:00} reads dates and local date-times in that offset (default UTC).
 */
public sealed interface TimeRule permits TimeRule.Auto, TimeRule.Fixed, TimeRule.None {

    /** No bulk rule: only the sanity window applies. */
    record None() implements TimeRule {
    }

    /** Events must fall in {@code range} (and in the sanity window). */
    record Fixed(TimeRange range) implements TimeRule {
        public Fixed {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * Estimates the bulk window from the data in a first pass over the input, in constant memory.
     *
     * <p>The first pass counts plausible event times in one-hour bins (a fixed array over the sanity window:
     * about 230,000 counters, whatever the file size). Then:
     * <ol>
     *   <li>Bins are widened (1 h, 2 h, 3 h, 6 h, 12 h, 1 d, 2 d, 1 w, ...) until the median bin of the core holds at
     *       least {@code minBinCount} rows, so sparse data is judged on a scale where counts are not mostly 0 or 1.</li>
     *   <li>The <em>core</em> is the shortest contiguous run of bins holding at least {@code coverage} of the rows.</li>
     *   <li>The core grows outward one bin at a time while the next bin is non-empty and holds at least
     *       {@code density} times the core's median bin count, or at least {@code step} times the bin it touches:
     *       this takes back bulk edges the coverage cut off (quiet night hours at the start or end of a log, a
     *       gradual fade-out), but stops at a cliff, where a thin scatter meets a hard cut of the data.</li>
     *   <li>Then, hour by hour, the farthest earlier (and later) start is taken whose stretch up to the window edge
     *       still averages at least {@code density} times the core's median rate: a gradual ramp-up or fade-out of real
     *       traffic is kept, while a thin scatter before a hard cut (rows a few hours or months before a dump's
     *       official start) is not.</li>
     *   <li>A spill-over is kept: up to {@code spill} of consecutive non-empty hours right next to the window, when
     *       the hour beyond them is empty (sessions running across the cut of a dump, as in the YOOCHOOSE splits).
     *       A longer run of thin hours is not a spill-over but a tail, and stays out.</li>
     *   <li>The window is widened by {@code tolerance} on each side.</li>
     * </ol>
     * Rows outside the window are {@code time_out_of_range}. Because the core holds at least {@code coverage} of the
     * rows, the rule never quarantines more than {@code 1 - coverage} of them. With fewer than {@code minRows}
     * plausible rows it does nothing (too little data to tell bulk from dirt). When the input cannot be read twice
     * (a plain stream) the rule is skipped and only the sanity window applies; {@link IngestSummary#passes()} says
     * which happened.
     *
     * <p>On the Taobao UserBehavior sample (2017-11-25..12-03 in UTC+8) this keeps every row of the nine days and
     * quarantines the 30 rows before them (one from 2017-09-11, the rest up to two seconds before the start).
     *
     * @param coverage    share of rows the core must hold, in (0.5, 1]
     * @param density     fraction of the core's median bin count (or rate) an extension must reach, in [0, 1)
     * @param step        fraction of its inner neighbour a bin must reach to extend the window, in [0, 1)
     * @param spill       longest spill-over kept, whole hours, in [0, 24h]
     * @param tolerance   extra margin on each side, not negative
     * @param minRows     fewest plausible rows for the rule to act, at least 1
     * @param minBinCount median rows per core bin the bin width must reach, at least 1
     */
    record Auto(double coverage, double density, double step, Duration spill, Duration tolerance, long minRows,
                long minBinCount) implements TimeRule {
        /** coverage 0.99, density 0.05, step 0.1, spill 1 h, tolerance 0, minRows 1000, minBinCount 20. */
        public static final Auto DEFAULT = new Auto(0.99, 0.05, 0.1, Duration.ofHours(1), Duration.ZERO, 1000, 20);

        public Auto {
            if (!(coverage > 0.5 && coverage <= 1.0)) {
                throw new IllegalArgumentException("coverage must be in (0.5, 1], got " + coverage);
            }
            if (!(density >= 0.0 && density < 1.0)) {
                throw new IllegalArgumentException("density must be in [0, 1), got " + density);
            }
            if (!(step >= 0.0 && step < 1.0)) {
                throw new IllegalArgumentException("step must be in [0, 1), got " + step);
            }
            Objects.requireNonNull(spill, "spill");
            if (spill.isNegative() || spill.compareTo(Duration.ofDays(1)) > 0 || spill.toMillis() % 3_600_000L != 0) {
                throw new IllegalArgumentException("spill must be whole hours in [0, 24h], got " + spill);
            }
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
            }
            if (minRows < 1) {
                throw new IllegalArgumentException("minRows must be >= 1, got " + minRows);
            }
            if (minBinCount < 1) {
                throw new IllegalArgumentException("minBinCount must be >= 1, got " + minBinCount);
            }
        }
    }

    /** The default: {@link Auto#DEFAULT}. */
    static TimeRule auto() {
        return Auto.DEFAULT;
    }

    static TimeRule none() {
        return new None();
    }

    static TimeRule fixed(TimeRange range) {
        return new Fixed(range);
    }

    /** Parses a spec string (see the interface javadoc); errors name the spec and the bad part. */
    static TimeRule parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("none")) {
            return none();
        }
        if (lower.equals("auto")) {
            return auto();
        }
        if (lower.startsWith("auto:")) {
            return parseAuto(s, s.substring(5));
        }
        int dots = s.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("time rule '" + spec
                    + "' is not auto, auto:key=value,..., none, or FROM..TO[@OFFSET]");
        }
        ZoneOffset zone = ZoneOffset.UTC;
        String to = s.substring(dots + 2);
        int at = to.lastIndexOf('@');
        if (at >= 0) {
            try {
                zone = ZoneOffset.of(to.substring(at + 1).trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("time rule '" + spec + "': bad offset '" + to.substring(at + 1)
                        + "', expected e.g. +08:00");
            }
            to = to.substring(0, at);
        }
        long from = boundary(spec, s.substring(0, dots).trim(), zone, false);
        long until = boundary(spec, to.trim(), zone, true);
        if (until <= from) {
            throw new IllegalArgumentException("time rule '" + spec + "': end is not after start");
        }
        return fixed(new TimeRange(from, until));
    }

    private static long boundary(String spec, String text, ZoneOffset zone, boolean end) {
        if (end && text.length() == 10 && text.charAt(4) == '-') {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(zone).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time rule '" + spec + "': bad date '" + text + "'");
            }
        }
        long millis = Times.parseFlexible(text, zone);
        if (millis == Times.INVALID) {
            throw new IllegalArgumentException("time rule '" + spec + "': cannot read '" + text
                    + "' as a date, ISO date-time or epoch number");
        }
        return millis;
    }

    private static Auto parseAuto(String spec, String params) {
        Auto d = Auto.DEFAULT;
        double coverage = d.coverage();
        double density = d.density();
        double step = d.step();
        Duration spill = d.spill();
        Duration tolerance = d.tolerance();
        long minRows = d.minRows();
        long minBinCount = d.minBinCount();
        for (String pair : params.split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("time rule '" + spec + "': expected key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "coverage" -> coverage = Double.parseDouble(value);
                    case "density" -> density = Double.parseDouble(value);
                    case "step" -> step = Double.parseDouble(value);
                    case "tolerance" -> tolerance = parseDuration(value);
                    case "spill" -> spill = parseDuration(value);
                    case "minrows" -> minRows = Long.parseLong(value);
                    case "minbincount" -> minBinCount = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("time rule '" + spec + "': unknown key '" + key
                            + "' (coverage, density, step, spill, tolerance, minRows, minBinCount)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("time rule '" + spec + "': bad number '" + value + "' for " + key);
            }
        }
        return new Auto(coverage, density, step, spill, tolerance, minRows, minBinCount);
    }

    /** {@code 0}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, or an ISO-8601 duration ({@code PT2H}). */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad duration '" + text + "', expected e.g. 30m, 2h, 1d, PT2H");
            }
        }
        if (t.length() < 2) {
            throw new IllegalArgumentException("bad duration '" + text + "', expected e.g. 30m, 2h, 1d");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + text + "', expected e.g. 30m, 2h, 1d");
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("bad duration '" + text + "', expected e.g. 30m, 2h, 1d");
        };
    }
}
