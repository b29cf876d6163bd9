package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An event-log layout SeqGuard reads and writes. Looked up by {@linkplain #byName name}:
 * <ul>
 *   <li>{@code taobao}: no header, {@code user_id,item_id,category_id,behavior_type,timestamp}, behaviours
 *       {@code pv|cart|fav|buy}, unix seconds; all ids numeric.</li>
 *   <li>{@code retailrocket}: header {@code timestamp,visitorid,event,itemid,transactionid}, epoch milliseconds,
 *       {@code view|addtocart|transaction}; no category (the empty string); ids numeric; the transaction id is not
 *       kept (written back empty).</li>
 *   <li>{@code generic}: CSV with a header row, columns named by a {@link ColumnMapping}; quoted fields (RFC 4180,
 *       one line per record); times as epoch seconds, epoch milliseconds or ISO-8601.</li>
 *   <li>{@code jsonl}: JSON Lines, one flat object per line, keys named by a {@link ColumnMapping}.</li>
 *   <li>{@code diginetica}: header, {@code ;}-separated {@code session_id;user_id;item_id;timeframe;eventdate};
 *       user {@code NA} means the session stands for the user; time = {@code eventdate} (UTC midnight) +
 *       {@code timeframe} ms; every row a {@link Action#VIEW}.</li>
 *   <li>{@code yoochoose}: header, tab-separated {@code SessionId ItemId Time} (epoch seconds with fraction); the
 *       session stands for the user; every row a {@link Action#CLICK}.</li>
 * </ul>
 * The fixed layouts check that ids are numeric, as they are in the published data. Missing values in the mapped
 * layouts: an empty user, behaviour or time quarantines the line ({@code missing_value}), an empty item too unless
 * the action is a search; an empty or absent category becomes the empty string; empty session, query and label
 * become absent ({@code null}), price NaN, dwell -1 (see {@link dev.seqguard.core.model.EventExtras}).
 * Each layout can write an event
 * back ({@link #header()} then {@link #format} per event) so that reading the result gives the same event.
 * Instances are immutable and thread-safe.
 */
public abstract sealed class EventFormat
        permits FixedColumnsFormat, MappedFormat {

    public static final EventFormat TAOBAO = new TaobaoFormat();
    public static final EventFormat RETAILROCKET = new RetailRocketFormat();
    public static final EventFormat DIGINETICA = new DigineticaFormat();
    public static final EventFormat YOOCHOOSE = new YoochooseFormat();

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("taobao", "retailrocket", "generic", "jsonl", "diginetica",
            "yoochoose");

    EventFormat() {
    }

    /** Generic CSV with a header row, read through {@code mapping}. */
    public static EventFormat generic(ColumnMapping mapping) {
        return new GenericCsvFormat(mapping);
    }

    /** JSON Lines, read through {@code mapping}. */
    public static EventFormat jsonLines(ColumnMapping mapping) {
        return new JsonLinesFormat(mapping);
    }

    /** {@link #byName(String, ColumnMapping)} with {@link ColumnMapping#DEFAULT} for the mapped layouts. */
    public static EventFormat byName(String name) {
        return byName(name, ColumnMapping.DEFAULT);
    }

    /**
     * The layout called {@code name} (case-insensitive, one of {@link #NAMES}); {@code mapping} is used by
     * {@code generic} and {@code jsonl} and ignored by the others.
     */
    public static EventFormat byName(String name, ColumnMapping mapping) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mapping, "mapping");
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "taobao" -> TAOBAO;
            case "retailrocket" -> RETAILROCKET;
            case "generic", "csv" -> generic(mapping);
            case "jsonl", "json", "jsonlines" -> jsonLines(mapping);
            case "diginetica" -> DIGINETICA;
            case "yoochoose" -> YOOCHOOSE;
            default -> throw new IllegalArgumentException("unknown format '" + name + "', expected one of " + NAMES);
        };
    }

    /** The layout's name, as {@link #byName} accepts it. */
    public abstract String name();

    /** The column mapping of the {@code generic} and {@code jsonl} layouts; empty for the fixed layouts. */
    public Optional<ColumnMapping> mapping() {
        return Optional.empty();
    }

    /** The header line this layout writes before the events, if it has one. */
    public abstract Optional<String> header();

    /**
     * One event as a line of this layout, without line terminator.
     *
     * @throws IllegalArgumentException when the layout cannot express the event (an action outside its vocabulary,
     *                                  a non-numeric id in a numeric-id layout)
     */
    public abstract String format(BehaviorEvent event);

    /**
     * Parses one data line (not the header). Meant for tests and small tools; bulk reading goes through
     * {@link EventReader}, which adds encoding, duplicate and time checks.
     *
     * @throws IllegalArgumentException naming the {@link QuarantineReason} code and what is wrong
     */
    public BehaviorEvent parseLine(String line) {
        return lineParser(null).apply(line);
    }

    /**
     * A parser of the data lines of one input, for readers that see lines one at a time without {@link EventReader}
     * (a stream processor). {@code header} is the input's header line: {@code generic} reads its columns by it (their
     * order and any extra columns are the input's own), the other layouts ignore it; {@code null} means the layout's
     * own {@link #header()}. The parser throws {@link IllegalArgumentException} for a line it rejects, naming the
     * {@link QuarantineReason} code before a colon, as {@link #parseLine(String)} does. It keeps scratch state: one
     * per thread.
     *
     * @throws IllegalArgumentException when the header does not fit the layout (a mapped column is missing)
     */
    public Function<String, BehaviorEvent> lineParser(String header) {
        RecordParser parser = newParser(header == null ? header().orElse(null) : header);
        ParseFailure failed = new ParseFailure();
        return line -> {
            BehaviorEvent event = parser.parse(line.toCharArray(), line.length(), failed);
            if (event == null) {
                throw new IllegalArgumentException(failed.reason.code() + ": " + failed.message);
            }
            return event;
        };
    }

    /** Whether the first line of an input is this layout's header (to be skipped) rather than data. */
    abstract boolean isHeader(String firstLine);

    /**
     * A parser for one read. {@code header} is the header line when {@link #isHeader} accepted one, else
     * {@code null}.
     *
     * @throws IllegalArgumentException when the header does not fit the layout (a mapped column is missing)
     */
    abstract RecordParser newParser(String header);

    @Override
    public String toString() {
        return name();
    }

    // ---- helpers shared by the layouts ----

    /** Whether {@code firstLine} equals {@code header} field by field, ignoring case and surrounding spaces. */
    static boolean sameHeader(String firstLine, String header, char delimiter) {
        String[] got = firstLine.strip().split(String.valueOf(delimiter), -1);
        String[] want = header.split(String.valueOf(delimiter), -1);
        if (got.length != want.length) {
            return false;
        }
        for (int i = 0; i < got.length; i++) {
            if (!got[i].strip().equalsIgnoreCase(want[i])) {
                return false;
            }
        }
        return true;
    }

    static String requireNumeric(String layout, String field, String value) {
        boolean ok = !value.isEmpty();
        for (int i = 0; i < value.length() && ok; i++) {
            ok = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        if (!ok) {
            throw new IllegalArgumentException(layout + " layout needs a numeric " + field + ", got "
                    + Fields.quote(value));
        }
        return value;
    }

    static IllegalArgumentException cannotWrite(String layout, Action action) {
        return new IllegalArgumentException(layout + " layout has no behaviour for " + action);
    }

    /**
     * Checks a numeric id field: {@code false} when fine, else fills {@code failed} (empty: missing value,
     * otherwise non-numeric) and returns {@code true}.
     */
    static boolean badId(char[] line, Fields fields, int field, String name, ParseFailure failed) {
        if (fields.isDigits(line, field)) {
            return false;
        }
        if (fields.isEmpty(field)) {
            failed.set(QuarantineReason.MISSING_VALUE, name + " is empty");
        } else {
            failed.set(QuarantineReason.NON_NUMERIC_ID, name + " " + Fields.quote(fields.text(line, field))
                    + " is not numeric");
        }
        return true;
    }

    static BehaviorEvent badTime(char[] line, Fields fields, int field, String name, String expected,
                                 ParseFailure failed) {
        if (fields.isEmpty(field)) {
            return failed.set(QuarantineReason.MISSING_VALUE, name + " is empty");
        }
        return failed.set(QuarantineReason.UNPARSEABLE_TIME, name + " " + Fields.quote(fields.text(line, field))
                + " is not " + expected);
    }

    static BehaviorEvent badBehavior(char[] line, Fields fields, int field, String name, String vocabulary,
                                     ParseFailure failed) {
        if (fields.isEmpty(field)) {
            return failed.set(QuarantineReason.MISSING_VALUE, name + " is empty");
        }
        return failed.set(QuarantineReason.UNKNOWN_BEHAVIOR, name + " " + Fields.quote(fields.text(line, field))
                + " is not one of " + vocabulary);
    }
}
