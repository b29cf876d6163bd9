package dev.seqguard.core.labels;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels for some users, read from a CSV with header {@code user_id,label[,anomaly_type]} (label 1 = anomalous,
 * 0 = normal; extra columns ignored). Users not in the file are unlabelled — never assumed normal.
 *
 * @param labels   user id to 0/1
 * @param types    user id to anomaly type (only for users whose file row has a non-empty type)
 * @param problems rows that could not be read, each naming its line
 */
public record UserLabels(Map<String, Integer> labels, Map<String, String> types, List<String> problems) {

    public UserLabels {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        problems = List.copyOf(problems);
    }

    public static UserLabels none() {
        return new UserLabels(Map.of(), Map.of(), List.of());
    }

    public static UserLabels read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + " is empty; expected a header user_id,label[,anomaly_type]");
            }
            List<String> cols = List.of(header.replace("\uFEFF", "").trim().split("\\s*,\\s*", -1));
            int user = cols.indexOf("user_id");
            int label = cols.indexOf("label");
            int type = cols.indexOf("anomaly_type");
            if (user < 0 || label < 0) {
                throw new IOException(file + ": the header must name user_id and label columns, found " + cols);
            }
            Map<String, Integer> labels = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length <= Math.max(user, label)) {
                    problems.add("line " + lineNo + ": expected at least " + (Math.max(user, label) + 1) + " fields");
                    continue;
                }
                String id = f[user].trim();
                String l = f[label].trim();
                int value;
                if (l.equals("1") || l.equals("1.0") || l.equalsIgnoreCase("true")) {
                    value = 1;
                } else if (l.equals("0") || l.equals("0.0") || l.equalsIgnoreCase("false")) {
                    value = 0;
                } else {
                    problems.add("line " + lineNo + ": label must be 0 or 1, got '" + l + "'");
                    continue;
                }
                if (id.isEmpty()) {
                    problems.add("line " + lineNo + ": empty user_id");
                    continue;
                }
                labels.put(id, value);
                if (type >= 0 && type < f.length && !f[type].isBlank()) {
                    types.put(id, f[type].trim());
                }
            }
            return new UserLabels(labels, types, problems);
        }
    }

    /** Per row of {@code userIds}: 1, 0, or -1 when the user has no label. */
    public int[] align(List<String> userIds) {
        return userIds.stream().mapToInt(u -> labels.getOrDefault(u, -1)).toArray();
    }

    /** Per row of {@code userIds}: the anomaly type, "normal" for label 0, "" for unlabelled or untyped. */
    public String[] alignTypes(List<String> userIds) {
        return userIds.stream().map(u -> {
            Integer l = labels.get(u);
            if (l == null) {
                return "";
            }
            return l == 0 ? "normal" : types.getOrDefault(u, "anomaly");
        }).toArray(String[]::new);
    }

    public int size() {
        return labels.size();
    }
}
