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
        String[] own = new String[labels.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = Integer.toString(i);
        }
        return stratified(labels, own, k, seed);
    }

    /**
     * As {@link #stratified(int[], int, long)}, but rows with the same group (the sessions of one user) always
     * share a fold, so no model is trained on one session of a user and scored on another. A group counts as
     * anomalous when any of its labelled rows is.
     */
    static int[][] stratified(int[] labels, String[] groups, int k, long seed) {
        java.util.Map<String, List<Integer>> byGroup = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> groupLabel = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == DetectionData.UNKNOWN) {
                continue;
            }
            byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
            groupLabel.merge(groups[i], labels[i], Math::max);
        }
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        byGroup.keySet().forEach(g -> (groupLabel.get(g) == 1 ? pos : neg).add(g));
        int folds = Math.max(2, Math.min(k, Math.min(pos.size(), neg.size())));
        Random rnd = new Random(seed);
        Collections.shuffle(pos, rnd);
        Collections.shuffle(neg, rnd);
        List<List<Integer>> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < pos.size(); i++) {
            out.get(i % folds).addAll(byGroup.get(pos.get(i)));
        }
        for (int i = 0; i < neg.size(); i++) {
            out.get(i % folds).addAll(byGroup.get(neg.get(i)));
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray()).toArray(int[][]::new);
    }
}
