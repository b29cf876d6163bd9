/**
 * Streaming ingest, validation and quarantine of behaviour logs (MISSION steps 1-2).
 *
 * <p>Typical use, constant memory:
 * <pre>{@code
 * IngestOptions options = IngestOptions.defaults("taobao", null)            // or "generic", "user=uid,time=ts"
 *         .withTimeRule(TimeRule.parse("auto"));                            // or "none", "2017-11-25..2017-12-03@+08:00"
 * DatasetProfile.Accumulator profile = new DatasetProfile.Accumulator();
 * try (QuarantineWriter quarantine = QuarantineWriter.open(outDir.resolve("quarantine.csv"))) {
 *     IngestSummary summary = new EventReader(options).read(path, profile, quarantine);
 *     // summary.read() == summary.accepted() + summary.quarantined()
 * }
 * }</pre>
 * Small data: {@link dev.seqguard.core.io.EventReader#readAll(java.nio.file.Path, IngestOptions)}. Writing events
 * back in an input layout: {@link dev.seqguard.core.io.EventFormat#header()} and
 * {@link dev.seqguard.core.io.EventFormat#format}. An unreadable input raises
 * {@link dev.seqguard.core.io.IngestException}, an {@link java.io.IOException} whose message names the path.
 */
package dev.seqguard.core.io;
