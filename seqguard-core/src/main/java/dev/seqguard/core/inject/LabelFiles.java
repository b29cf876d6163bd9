package dev.seqguard.core.inject;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the ground truth of an injection as CSV (UTF-8, {@code \n} line ends, header first):
 * {@value #USER_LABELS} ({@code user_id,label,anomaly_type}, every user, label 1 = anomalous, type {@code normal}
 * for label 0), {@value #EVENT_LABELS} ({@code user_id,item_id,timestamp,behavior,anomaly_type}, timestamp in Unix
 * seconds, behaviour as {@code Action.code()}) and {@value #TARGETS} ({@code item_id,anomaly_type}).
 */
public final class LabelFiles {
    public static final String USER_LABELS = "labels.csv";
    public static final String EVENT_LABELS = "event_labels.csv";
    public static final String TARGETS = "targets.csv";

    private LabelFiles() {
    }

    /** Writes the three label files into {@code directory}, creating it if needed and replacing existing files. */
    public static void write(InjectionResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Writer out = Files.newBufferedWriter(directory.resolve(USER_LABELS), StandardCharsets.UTF_8)) {
            writeUserLabels(result, out);
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(EVENT_LABELS), StandardCharsets.UTF_8)) {
            writeEventLabels(result, out);
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(TARGETS), StandardCharsets.UTF_8)) {
            writeTargets(result, out);
        }
    }

    public static void writeUserLabels(InjectionResult result, Writer out) throws IOException {
        out.write("user_id,label,anomaly_type\n");
        for (UserLabel label : result.userLabels()) {
            row(out, label.userId(), Integer.toString(label.label()), label.typeCode());
        }
    }

    public static void writeEventLabels(InjectionResult result, Writer out) throws IOException {
        out.write("user_id,item_id,timestamp,behavior,anomaly_type\n");
        for (EventLabel label : result.eventLabels()) {
            row(out, label.event().userId(), label.event().itemId(), Long.toString(label.event().epochSeconds()),
                    label.event().action().code(), label.type().code());
        }
    }

    public static void writeTargets(InjectionResult result, Writer out) throws IOException {
        out.write("item_id,anomaly_type\n");
        for (TargetItem target : result.targets()) {
            row(out, target.itemId(), target.type().code());
        }
    }

    private static void row(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csv(fields[i]));
        }
        out.write('\n');
    }

    /** RFC 4180 quoting, only where needed (ids from generic layouts may hold commas or quotes). */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
