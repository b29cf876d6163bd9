/**
 * The scenario bank: labelled scenarios built from real logs with attacks the label-free selection never sees, and
 * {@link dev.seqguard.eval.bank.SelectionBenchmark}, which runs label-free selection on each and scores it against
 * the truth.
 *
 * <p>Nothing here is used by selection. The bank-only kinds ({@link dev.seqguard.eval.bank.BankKind}) are kept out
 * of {@code dev.seqguard.core.inject}, whose injector makes selection's own validation sets, so that the benchmark
 * grades selection on anomalies it cannot have tuned itself to.
 */
package dev.seqguard.eval.bank;
