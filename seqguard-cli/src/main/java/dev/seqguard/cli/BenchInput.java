package dev.seqguard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The events every {@code bench} subcommand measures on. */
final class BenchInput {
    @Option(names = "--events", paramLabel = "FILE", description = "Taobao-layout events. Default: the bundled sample.")
    Path events;

    BenchInput() {
    }

    BenchInput(Path events) {
        this.events = events;
    }

    Path events() {
        return events != null ? events : BundledData.sample();
    }
}
