package dev.seqguard.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Deterministic randomised testing with plain JUnit: a property is checked over numbered cases, each generated from
 * its own {@link Random} whose seed is derived from the property's base seed and the case index. A failing case is
 * reported with its index and seed; {@code -Dseqguard.fuzz.case=N} on the test command runs only case {@code N} of
 * every property (for a debugger), regenerating exactly the same input without replaying the cases before it.
 */
final class FuzzCases {
    /** System property naming the one case index to run; unset: all cases. */
    static final String ONLY_CASE = "seqguard.fuzz.case";

    private FuzzCases() {
    }

    /** Whether {@link #ONLY_CASE} restricts the run to one case (then whole-run checks do not apply). */
    static boolean singleCase() {
        return System.getProperty(ONLY_CASE) != null;
    }

    /** One case of a property: generates its input from {@code random} and asserts. */
    @FunctionalInterface
    interface Body {
        void check(Random random, Case c) throws Exception;
    }

    /** What a case can tell the failure report about itself (the generated input, the chosen layout...). */
    static final class Case {
        final int index;
        final long seed;
        private final StringBuilder details = new StringBuilder();

        Case(int index, long seed) {
            this.index = index;
            this.seed = seed;
        }

        /** Adds {@code name = value} to the failure report of this case. */
        Case note(String name, Object value) {
            details.append("\n  ").append(name).append(" = ").append(value);
            return this;
        }

        /** Adds a printable preview of generated input bytes (escaped, cut) to the failure report. */
        Case input(byte[] bytes) {
            return note("input", bytes.length + " bytes: " + preview(bytes));
        }
    }

    /** The seed of case {@code index} of a property with {@code baseSeed}: well mixed, so nearby cases differ. */
    static long caseSeed(long baseSeed, int index) {
        long z = baseSeed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs cases {@code 0..cases-1} of {@code property}. Any assertion error or exception (a crash counts as a
     * failure) is rethrown as an {@link AssertionError} naming the property, the case index, its seed and the notes
     * the case recorded, with the original as cause.
     */
    static void forAll(String property, long baseSeed, int cases, Body body) {
        int only = singleCase() ? Integer.parseInt(System.getProperty(ONLY_CASE).trim()) : -1;
        for (int i = only < 0 ? 0 : only; i < (only < 0 ? cases : Math.min(only + 1, cases)); i++) {
            Case c = new Case(i, caseSeed(baseSeed, i));
            try {
                body.check(new Random(c.seed), c);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError e) {
                    throw e;
                }
                String cause = String.valueOf(t);
                if (cause.length() > 2000) {
                    cause = cause.substring(0, 2000) + "... (cut, see the cause below)";
                }
                throw new AssertionError(property + " failed at case " + i + " of " + cases + " (seed " + c.seed
                        + "L; rerun only this case with -D" + ONLY_CASE + "=" + i + ")" + c.details
                        + "\n  cause: " + cause, t);
            }
        }
    }

    /** The bytes as Java-ish escaped text, cut after 300 characters. */
    static String preview(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            if (sb.length() > 300) {
                sb.append("...");
                break;
            }
            int v = b & 0xFF;
            switch (v) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (v >= 0x20 && v < 0x7F) {
                        sb.append((char) v);
                    } else {
                        sb.append(String.format("\\x%02X", v));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code data} compressed with gzip. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
