package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams an event log line by line: each data line is either pushed to the event consumer or to the quarantine
 * sink, so memory does not grow with the input (the duplicate window and, for the auto time rule, an hour histogram
 * are fixed in size). Checks, in order, the first failure deciding the reason: line length, blank line, UTF-8,
 * the layout's fields, sanity time window, bulk time window, exact duplicate (see {@link QuarantineReason}).
 *
 * <p>Two passes: with the {@link TimeRule.Auto auto} time rule and a re-readable input (a file, a byte array), a
 * first pass counts event times to estimate the bulk window, and the second pass does the real work; this doubles
 * the parsing cost. A single-pass stream skips the bulk estimate and applies only the sanity window
 * ({@link IngestSummary#passes()} is then 1 and {@link IngestSummary#bulkWindow()} empty). A fixed or {@code none}
 * rule always reads once.
 *
 * <p>Thread-safety: a reader holds only its options; concurrent reads on one reader are independent.
 */
public final class EventReader {
    private final IngestOptions options;

    public EventReader(IngestOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public IngestOptions options() {
        return options;
    }

    /** Reads a file (gzip or plain). Missing or unreadable files raise an {@link IngestException} naming the path. */
    public IngestSummary read(Path path, Consumer<? super BehaviorEvent> accepted, QuarantineSink quarantine)
            throws IOException {
        return read(IngestInput.of(path), accepted, quarantine);
    }

    /**
     * Reads {@code input}, pushing accepted events to {@code accepted} and rejected lines to {@code quarantine}, in
     * input order.
     *
     * @throws IngestException when the input cannot be opened or read, or a generic header lacks a mapped column
     * @throws IOException     from the quarantine sink
     */
    public IngestSummary read(IngestInput input, Consumer<? super BehaviorEvent> accepted, QuarantineSink quarantine)
            throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(quarantine, "quarantine");
        TimeRange sanity = options.sanityWindow();
        TimeRange bulk = null;
        int passes = 1;
        TimeRule rule = options.timeRule();
        if (rule instanceof TimeRule.Fixed fixed) {
            bulk = fixed.range();
        } else if (rule instanceof TimeRule.Auto auto && input.rereadable()) {
            BulkWindowEstimator histogram = new BulkWindowEstimator(sanity);
            IngestPass first = IngestPass.counting(options, input.name(), sanity, histogram);
            runPass(input, first);
            passes = 2;
            bulk = histogram.estimate(auto).orElse(null);
        }
        IngestPass pass = IngestPass.emitting(options, input.name(), sanity, bulk, accepted, quarantine);
        runPass(input, pass);
        return pass.summary(passes);
    }

    private static void runPass(IngestInput input, IngestPass pass) throws IOException {
        try (InputStream in = input.open()) {
            pass.run(in);
        }
    }

    /** Reads a whole file into memory; for small data. Rejected lines are only counted. */
    public static IngestResult readAll(Path path, IngestOptions options) throws IOException {
        return readAll(IngestInput.of(path), options, QuarantineSink.DISCARD);
    }

    /** Reads a whole file into memory, rejected lines going to {@code quarantine}. */
    public static IngestResult readAll(Path path, IngestOptions options, QuarantineSink quarantine)
            throws IOException {
        return readAll(IngestInput.of(path), options, quarantine);
    }

    /** Reads a whole input into memory, rejected lines going to {@code quarantine}. */
    public static IngestResult readAll(IngestInput input, IngestOptions options, QuarantineSink quarantine)
            throws IOException {
        List<BehaviorEvent> events = new ArrayList<>();
        IngestSummary summary = new EventReader(options).read(input, events::add, quarantine);
        return new IngestResult(Collections.unmodifiableList(events), summary);
    }

    /** The bulk window the auto rule would choose for {@code input} (one counting pass), empty if none. */
    public Optional<TimeRange> estimateBulkWindow(IngestInput input, TimeRule.Auto rule) throws IOException {
        TimeRange sanity = options.sanityWindow();
        BulkWindowEstimator histogram = new BulkWindowEstimator(sanity);
        runPass(input, IngestPass.counting(options, input.name(), sanity, histogram));
        return histogram.estimate(rule);
    }
}
