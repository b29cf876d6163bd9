package dev.seqguard.cli;

import dev.seqguard.detect.DetectorRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench odds}: the options of {@link OddsRun}, which does the work. */
@Command(name = "odds", mixinStandardHelpOptions = true,
        description = {"Compares table selection with PyOD's published ODDS results.",
                "Each ODDS table in DIR that PyOD's benchmark also covers is split 60/40 (stratified) and selected on"
                        + " as `select --table` does; the selected detector's test ROC-AUC, averaged over the split"
                        + " seeds, is set against the best of PyOD's ten detectors there. With --label-free, as"
                        + " `select --table --label-free` does: the median over the seeds beside PyOD's IForest and"
                        + " best of ten. Alias: `seqguard bench --odds DIR`."})
final class OddsBenchmark implements Callable<Integer> {
    static final int MAX_SEEDS = 5;

    @Parameters(paramLabel = "DIR", description = "A directory of ODDS tables, one CSV file with a label column per table.")
    Path dir;

    @Option(names = "--detectors", split = ",", paramLabel = "NAME", description = "The detectors select may use. Default: all.")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + MAX_SEEDS,
            description = "Split seeds per table, at most " + MAX_SEEDS + ". Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--label-free", description = "Select without labels; the labels only grade the test part.")
    boolean labelFree;

    @Override
    public Integer call() throws IOException {
        return run(dir, detectors, seeds, labelFree);
    }

    static int run(Path dir, List<String> detectors, int seeds, boolean labelFree) throws IOException {
        try {
            detectors.forEach(DetectorRegistry::get);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return new OddsRun(dir, detectors, Math.min(seeds, MAX_SEEDS), labelFree).run();
    }
}
