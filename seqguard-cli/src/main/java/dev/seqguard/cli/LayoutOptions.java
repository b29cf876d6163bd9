package dev.seqguard.cli;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.TimeRule;
import picocli.CommandLine.Option;

/**
 * How event lines are laid out and which times are accepted: shared by every verb that reads events (through
 * {@link InputOptions}) and by {@code stream}, which reads a file or a Kafka topic.
 */
final class LayoutOptions {
    static final String DEFAULT_FORMAT = "taobao";

    @Option(names = "--format", paramLabel = "NAME",
            description = "Layout: taobao, retailrocket, generic (CSV with header), jsonl, diginetica, yoochoose."
                    + " Default: " + DEFAULT_FORMAT + " (for a Kafka topic in stream: jsonl).")
    String format;

    @Option(names = "--columns", paramLabel = "SPEC",
            description = "Column mapping for generic/jsonl, e.g. user=uid,item=sku,category=cat,behavior=type,timestamp=ts"
                    + " (optional: session_id, query, price, dwell_ms, label).")
    String columns;

    @Option(names = "--time-rule", defaultValue = "auto", paramLabel = "RULE",
            description = "Which times are far outside the bulk of the data and quarantined: auto (estimated in a first pass),"
                    + " none, or a range like 2017-11-25..2017-12-03@+08:00. Default: ${DEFAULT-VALUE}.")
    String timeRule;

    /** The layout named, or {@code otherwise} when {@code --format} was not given. */
    String format(String otherwise) {
        return format != null ? format : otherwise;
    }

    /** The layout (with its column mapping) and the time rule, as ingest options. */
    IngestOptions ingestOptions(String otherwiseFormat) {
        try {
            String f = format(otherwiseFormat);
            EventFormat layout = columns == null ? EventFormat.byName(f) : IngestOptions.defaults(f, columns).format();
            return IngestOptions.defaults(layout).withTimeRule(TimeRule.parse(timeRule));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    TimeRule timeRule() {
        try {
            return TimeRule.parse(timeRule);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
