package dev.seqguard.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where events come from. A file or a byte array can be read twice (so the {@link TimeRule.Auto auto} time rule
 * gets its first pass); a stream only once. Gzip is recognised by its magic bytes, whatever the name.
 */
public sealed interface IngestInput permits IngestInput.OfFile, IngestInput.OfBytes, IngestInput.OfStream {

    /** A name for messages (the path, or what the caller chose). */
    String name();

    /** Whether {@link #open()} may be called more than once. */
    boolean rereadable();

    /** Opens the raw bytes (possibly gzip-compressed). */
    InputStream open() throws IOException;

    static IngestInput of(Path path) {
        return new OfFile(path);
    }

    static IngestInput of(byte[] bytes, String name) {
        return new OfBytes(bytes, name);
    }

    /** A single-pass stream; the reader does not close it. */
    static IngestInput of(InputStream stream, String name) {
        return new OfStream(stream, name);
    }

    record OfFile(Path path) implements IngestInput {
        public OfFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public boolean rereadable() {
            return true;
        }

        @Override
        public InputStream open() throws IOException {
            if (Files.isDirectory(path)) {
                throw new IngestException("input " + path + " is a directory, not a file");
            }
            try {
                return Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new IngestException("input file " + path + " does not exist", e);
            } catch (AccessDeniedException e) {
                throw new IngestException("input file " + path + " is not readable (permission denied)", e);
            } catch (IOException e) {
                throw new IngestException("cannot open input file " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** In-memory input; the array is not copied, so the caller must not change it while reading. */
    record OfBytes(byte[] bytes, String name) implements IngestInput {
        public OfBytes {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean rereadable() {
            return true;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    record OfStream(InputStream stream, String name) implements IngestInput {
        public OfStream {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean rereadable() {
            return false;
        }

        @Override
        public InputStream open() {
            // the caller owns the stream: shield it from close()
            return new java.io.FilterInputStream(stream) {
                @Override
                public void close() {
                }
            };
        }
    }
}
