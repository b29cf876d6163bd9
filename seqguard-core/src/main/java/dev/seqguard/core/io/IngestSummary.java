package dev.seqguard.core.io;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one ingest run did. Every data line is either accepted or quarantined: {@code read == accepted + quarantined}
 * always holds (the constructor refuses anything else), and the per-reason counts add up to {@code quarantined}.
 *
 * @param source              the input's name (usually its path)
 * @param format              the layout's name
 * @param read                data lines read (a header line is not counted here, see {@code headerLines})
 * @param accepted            lines turned into events
 * @param quarantined         lines rejected
 * @param quarantinedByReason rejections per reason, reasons with none left out
 * @param firstAcceptedMillis earliest accepted event time, empty when nothing was accepted
 * @param lastAcceptedMillis  latest accepted event time, empty when nothing was accepted
 * @param headerLines         1 when the input started with a header line that was skipped, else 0
 * @param passes              2 when the auto time rule read the input twice, else 1
 * @param sanityWindow        the absolute plausibility window applied
 * @param bulkWindow          the bulk window applied (estimated or fixed), empty when there was none (rule
 *                            {@code none}, too few rows, or a single-pass input)
 */
public record IngestSummary(String source, String format, long read, long accepted, long quarantined,
                            Map<QuarantineReason, Long> quarantinedByReason, OptionalLong firstAcceptedMillis,
                            OptionalLong lastAcceptedMillis, int headerLines, int passes, TimeRange sanityWindow,
                            Optional<TimeRange> bulkWindow) {

    public IngestSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(firstAcceptedMillis, "firstAcceptedMillis");
        Objects.requireNonNull(lastAcceptedMillis, "lastAcceptedMillis");
        Objects.requireNonNull(sanityWindow, "sanityWindow");
        Objects.requireNonNull(bulkWindow, "bulkWindow");
        if (read < 0 || accepted < 0 || quarantined < 0) {
            throw new IllegalArgumentException("negative count: read " + read + ", accepted " + accepted
                    + ", quarantined " + quarantined);
        }
        if (read != accepted + quarantined) {
            throw new IllegalArgumentException("read " + read + " != accepted " + accepted + " + quarantined "
                    + quarantined + ": a line was lost");
        }
        EnumMap<QuarantineReason, Long> copy = new EnumMap<>(QuarantineReason.class);
        long sum = 0;
        for (Map.Entry<QuarantineReason, Long> e : quarantinedByReason.entrySet()) {
            long n = e.getValue();
            if (n < 0) {
                throw new IllegalArgumentException("negative count " + n + " for " + e.getKey().code());
            }
            if (n > 0) {
                copy.put(e.getKey(), n);
                sum += n;
            }
        }
        if (sum != quarantined) {
            throw new IllegalArgumentException("reason counts add up to " + sum + ", not quarantined " + quarantined);
        }
        quarantinedByReason = Collections.unmodifiableMap(copy);
        if (accepted > 0 != firstAcceptedMillis.isPresent() || accepted > 0 != lastAcceptedMillis.isPresent()) {
            throw new IllegalArgumentException("first/last accepted time must be present exactly when events were"
                    + " accepted");
        }
        if (headerLines < 0 || headerLines > 1 || passes < 1 || passes > 2) {
            throw new IllegalArgumentException("headerLines must be 0 or 1 and passes 1 or 2, got " + headerLines
                    + " and " + passes);
        }
    }

    /** Rejections with that reason (0 if none). */
    public long count(QuarantineReason reason) {
        return quarantinedByReason.getOrDefault(reason, 0L);
    }

    /** A JSON-friendly view: string keys, ISO times, reason codes. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("format", format);
        m.put("read", read);
        m.put("accepted", accepted);
        m.put("quarantined", quarantined);
        Map<String, Long> reasons = new LinkedHashMap<>();
        quarantinedByReason.forEach((reason, n) -> reasons.put(reason.code(), n));
        m.put("quarantined_by_reason", reasons);
        m.put("first_accepted", firstAcceptedMillis.isPresent()
                ? Instant.ofEpochMilli(firstAcceptedMillis.getAsLong()).toString() : null);
        m.put("last_accepted", lastAcceptedMillis.isPresent()
                ? Instant.ofEpochMilli(lastAcceptedMillis.getAsLong()).toString() : null);
        m.put("header_lines", headerLines);
        m.put("passes", passes);
        m.put("sanity_window", sanityWindow.toString());
        m.put("bulk_window", bulkWindow.map(TimeRange::toString).orElse(null));
        return m;
    }
}
