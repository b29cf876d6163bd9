package dev.seqguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real data sample bundled with SeqGuard ({@code data/taobao-sample.csv.gz}). */
final class BundledData {
    static final String SAMPLE = "data/taobao-sample.csv.gz";

    private BundledData() {
    }

    static Path sample() {
        String home = System.getProperty("seqguard.home", System.getenv("SEQGUARD_HOME"));
        for (Path base : new Path[] {home == null ? null : Path.of(home), Path.of("."), Path.of("..")}) {
            if (base != null && Files.isRegularFile(base.resolve(SAMPLE))) {
                return base.resolve(SAMPLE).normalize();
            }
        }
        throw new UserInputException("cannot find the bundled sample " + SAMPLE
                + "; run from the SeqGuard directory or set SEQGUARD_HOME");
    }
}
