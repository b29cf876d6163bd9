package dev.seqguard.cli;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Times one label-free `select` with every classic detector.",
                "The run writes into a temporary directory; on the bundled sample its floor is a minute."})
final class SelectBench implements Callable<Integer> {
    @Mixin
    BenchInput input;

    @Override
    public Integer call() throws IOException {
        Path file = input.events();
        int events = EventReader.readAll(file, IngestOptions.defaults("taobao", null), new QuarantineCounter())
                .events().size();
        System.out.printf("bench on %s (1 run; %d cores, Java %s)%n", file, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        IngestBench.header();
        return row(file, events);
    }

    /** Times {@code select} on {@code file} and prints its row; returns select's exit code. */
    static int row(Path file, int events) throws IOException {
        Path tmp = Files.createTempDirectory("seqguard-bench");
        long t0 = System.nanoTime();
        int code = SeqGuard.run("select", "--events", file.toString(), "--format", "taobao", "--seed", "1",
                "--out", tmp.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-36s %,12d %15.1fs %10s%n", "select, label-free, all classic (1 run)",
                events, seconds, "60 s");
        return code;
    }
}
