package dev.seqguard.cli;

import dev.seqguard.eval.bank.SelectionBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code bench selection}: the scenario bank's options are {@link SelectionBenchmark}'s own, passed through. */
@Command(name = "selection", mixinStandardHelpOptions = true,
        description = {"Measures label-free selection over the scenario bank.",
                "Each scenario is real traffic from one of five public logs with labelled attacks planted in it,"
                        + " including kinds SeqGuard's own injector never produces. Label-free `select` runs on each,"
                        + " and so does default iForest; both are scored against the true labels: PR-AUC, F1 at the"
                        + " shipped threshold, regret against the best candidate in hindsight, and how the reported"
                        + " confidence relates to it. Options: [--data DIR] [--seed N] [--scenarios N] [--logs a,b]"
                        + " [--kinds a,b] [--users N] [--quick] [--out DIR] [--export DIR] [--from K], or"
                        + " --summarise A.csv,B.csv [--out DIR]. See docs/selection-bank.md."})
final class SelectionBench implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            SelectionBenchmark.main(args.toArray(String[]::new));
        } catch (NumberFormatException e) {
            throw new UserInputException("bench selection: not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("bench selection: " + e.getMessage());
        }
        return SeqGuard.EXIT_OK;
    }
}
