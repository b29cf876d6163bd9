package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The header line of a file input, found on the client before the job starts. A Flink file source hands the job lines
 * without saying which is a file's first, so a layout that reads its columns by the input's header ({@code generic}:
 * the columns' order and any extra columns are the file's own) gets it through {@link StreamJobConfig#withHeader}.
 */
public final class InputHeader {
    private InputHeader() {
    }

    /**
     * The header of {@code events} when {@code format} reads its columns by it: the first line of the file, or of
     * every file the job's file source reads from the directory (recursively, skipping names that start with
     * {@code .} or {@code _}, as Flink's file source does; {@code .gz} decompressed), which must all be the same.
     * Empty for the other layouts (they parse by their own header) and for an input without lines.
     *
     * @throws IllegalArgumentException when files of the directory start with different lines
     * @throws NoSuchFileException      when {@code events} does not exist
     */
    public static Optional<String> of(Path events, EventFormat format) throws IOException {
        if (!readsColumnsFromHeader(format)) {
            return Optional.empty();
        }
        if (!Files.exists(events)) {
            throw new NoSuchFileException(events.toString());
        }
        Map<Path, String> firstLines = new LinkedHashMap<>();
        for (Path file : filesRead(events)) {
            String first = firstLine(file);
            if (first != null) {
                firstLines.put(file, first);
            }
        }
        List<String> distinct = firstLines.values().stream().distinct().toList();
        if (distinct.size() > 1) {
            throw new IllegalArgumentException(format.name() + " files under " + events + " must share one header,"
                    + " found " + distinct.size() + " different first lines: " + firstLines);
        }
        return distinct.stream().findFirst();
    }

    /** Whether {@code format} takes its columns from the input's header rather than from a fixed layout. */
    static boolean readsColumnsFromHeader(EventFormat format) {
        return format.name().equals("generic");
    }

    private static List<Path> filesRead(Path events) throws IOException {
        if (!Files.isDirectory(events)) {
            return List.of(events);
        }
        try (Stream<Path> walk = Files.walk(events)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !hidden(events.relativize(f)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.readLine();
        }
    }
}
