package dev.seqguard.eval.select;

import dev.seqguard.detect.api.DetectionData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Stratified folds over the labelled rows only; unlabelled rows belong to no fold. */
final class Folds {
    private Folds() {
    }

    static boolean hasEnoughLabels(int[] labels, int minPerClass) {
        if (labels == null) {
            return false;
        }
        int pos = 0;
        int neg = 0;
        for (int l : labels) {
            if (l == 1) {
                pos++;
            } else if (l == 0) {
                neg++;
            }
        }
        return pos >= minPerClass && neg >= minPerClass;
    }

    static int[] labelledRows(int[] labels) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != DetectionData.UNKNOWN) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * {@code k} folds (fewer when a class has fewer than {@code k} rows), each holding its share of both classes,
     * shuffled by {@code seed}.
     */
    static int[][] stratified(int[] labels, int k, long seed) {
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                pos.add(i);
            } else if (labels[i] == 0) {
                neg.add(i);
            }
        }
        int folds = Math.max(2, Math.min(k, Math.min(pos.size(), neg.size())));
        Random rnd = new Random(seed);
        Collections.shuffle(pos, rnd);
        Collections.shuffle(neg, rnd);
        List<List<Integer>> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < pos.size(); i++) {
            out.get(i % folds).add(pos.get(i));
        }
        for (int i = 0; i < neg.size(); i++) {
            out.get(i % folds).add(neg.get(i));
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray()).toArray(int[][]::new);
    }
}
