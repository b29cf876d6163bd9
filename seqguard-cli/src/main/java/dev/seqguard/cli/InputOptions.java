package dev.seqguard.cli;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.io.IngestSummary;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.io.QuarantineSink;
import dev.seqguard.core.io.QuarantineWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The input options every verb that reads events shares. */
final class InputOptions {
    @Option(names = "--events", paramLabel = "FILE", description = "Event log to read (.gz is read transparently).")
    Path events;

    @Mixin
    LayoutOptions layout;

    @Option(names = "--max-line-length", defaultValue = "4096", paramLabel = "N",
            description = "Lines longer than this are quarantined as over_long_line. Default: ${DEFAULT-VALUE}.")
    int maxLineLength;

    /** The events file; a clear usage error when it was not given. */
    Path events() {
        if (events == null) {
            throw new UserInputException("missing --events FILE (the event log to read)");
        }
        return events;
    }

    IngestOptions ingestOptions() {
        IngestOptions options = layout.ingestOptions(LayoutOptions.DEFAULT_FORMAT);
        try {
            return options.withMaxLineLength(maxLineLength);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** Reads every accepted event into memory; quarantined lines go to {@code quarantineFile} (or are only counted). */
    IngestResult readAll(Path quarantineFile) throws IOException {
        IngestOptions options = ingestOptions();
        if (quarantineFile == null) {
            return EventReader.readAll(events(), options, new QuarantineCounter());
        }
        try (QuarantineWriter q = QuarantineWriter.open(quarantineFile)) {
            return EventReader.readAll(events(), options, q);
        }
    }

    static void printSummary(IngestSummary s, PrintStream out) {
        out.printf("read %,d lines: %,d accepted, %,d quarantined%s%n", s.read(), s.accepted(), s.quarantined(),
                s.quarantined() == 0 ? "" : " (" + s.quarantinedByReason().entrySet().stream()
                        .map(e -> e.getKey().code() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
    }

    static QuarantineSink counter() {
        return new QuarantineCounter();
    }
}
