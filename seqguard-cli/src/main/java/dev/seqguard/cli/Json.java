package dev.seqguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON output for the CLI (pretty, ISO dates). */
final class Json {
    private static final ObjectMapper MAPPER = ModelIO.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) throws IOException {
        return MAPPER.writeValueAsString(value);
    }

    static void write(Object value, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), value);
    }
}
