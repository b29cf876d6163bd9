package dev.seqguard.eval.bank;

import dev.seqguard.core.io.Csv;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.SelectionResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every candidate's scores on one scenario, beside the truth, so that selection and threshold rules can be studied
 * offline on the whole bank without running it again ({@code --candidates DIR}).
 *
 * <p>{@code ID-scores.csv}: {@code user,label,kind} and one score column per candidate that ran.
 * {@code ID-candidates.csv}: per candidate its family, the figure selection ranked it by, its held-out PR-AUC per
 * validation kind ({@code kind=value;...}), whether it was picked, and the threshold selection shipped for the pick.
 */
final class CandidateDump {
    private CandidateDump() {
    }

    static void write(Path dir, String id, List<String> users, int[] labels, String[] kinds, SelectionResult result)
            throws IOException {
        Files.createDirectories(dir);
        List<CandidateResult> ran = result.leaderboard().stream().filter(c -> !c.failed()).toList();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(id + "-scores.csv"), StandardCharsets.UTF_8);
             Csv csv = Csv.over(w)) {
            List<Object> header = new ArrayList<>(List.of("user", "label", "kind"));
            ran.forEach(c -> header.add(c.detector()));
            csv.row(header);
            for (int i = 0; i < users.size(); i++) {
                List<Object> row = new ArrayList<>(List.of(users.get(i), labels[i], kinds[i] == null ? "normal" : kinds[i]));
                for (CandidateResult c : ran) {
                    row.add(c.scores()[i]);
                }
                csv.row(row);
            }
        }
        List<String> validationKinds = result.kinds();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(id + "-candidates.csv"), StandardCharsets.UTF_8);
             Csv csv = Csv.over(w)) {
            csv.row(List.of("detector", "family", "selection_score", "held_out_by_kind", "picked", "threshold"));
            for (CandidateResult c : ran) {
                double[] byKind = c.heldOutPrAucByKind();
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < byKind.length && k < validationKinds.size(); k++) {
                    sb.append(k == 0 ? "" : ";").append(validationKinds.get(k)).append('=').append(byKind[k]);
                }
                boolean picked = c == result.selected();
                csv.row(List.of(c.detector(), c.family(), c.selectionScore(), sb.toString(), picked,
                        picked ? result.threshold() : Double.NaN));
            }
        }
    }
}
