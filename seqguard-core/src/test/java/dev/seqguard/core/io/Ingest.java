package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs ingest over in-memory text and keeps everything it emitted. */
record Ingest(List<BehaviorEvent> events, List<QuarantinedLine> rejected, IngestSummary summary) {
    /** "Now" for the sanity window in tests: 2024-01-01. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    static IngestOptions options(EventFormat format) {
        return IngestOptions.defaults(format).withTimeRule(TimeRule.none()).withClock(CLOCK);
    }

    static Ingest run(String text, IngestOptions options) throws IOException {
        return run(text.getBytes(StandardCharsets.UTF_8), options);
    }

    static Ingest run(byte[] bytes, IngestOptions options) throws IOException {
        List<BehaviorEvent> events = new ArrayList<>();
        List<QuarantinedLine> rejected = new ArrayList<>();
        IngestSummary s = new EventReader(options).read(IngestInput.of(bytes, "test"), events::add, rejected::add);
        return new Ingest(events, rejected, s);
    }

    QuarantinedLine only() {
        if (rejected.size() != 1) {
            throw new AssertionError("expected one rejected line, got " + rejected);
        }
        return rejected.get(0);
    }
}
