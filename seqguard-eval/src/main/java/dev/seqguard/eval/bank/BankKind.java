package dev.seqguard.eval.bank;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Anomaly kinds only the scenario bank plants. SeqGuard's validation injector ({@code core/inject}) produces none of
 * them, so label-free selection cannot have been tuned to them.
 */
public enum BankKind {
    /**
     * Slow-drip bots: new accounts that come back on a machine's schedule, every few hours for days, each visit a
     * handful of views of the same promoted items — rank inflation that stays under per-minute rate limits.
     */
    SLOW_DRIP("slowdrip"),
    /**
     * Coordinated favourite/cart rings: a group of new accounts that, within an hour or two of each other, favourite
     * and cart (where the log has those actions; otherwise click repeatedly) the same few items that are new to the
     * catalogue, never buying — seeding a new item's popularity.
     */
    RING("ring"),
    /**
     * Price-scraping sessions that look like browsing: many distinct items of one or two categories at a short,
     * regular dwell, no cart, no buy; shorter and more focused than the injector's catalogue crawler.
     */
    SCRAPER("scraper"),
    /**
     * Mimicry bots: new accounts replaying a real shopper's rhythm and action mix, with a share of their touches
     * steered to promoted items. Opt-in (name it with {@code --kinds}): the default bank keeps the three kinds above
     * so that its baseline stays comparable.
     */
    MIMIC("mimic");

    private final String code;

    BankKind(String code) {
        this.code = code;
    }

    /** The name in options and in the benchmark's table, e.g. {@code slowdrip}. */
    public String code() {
        return code;
    }

    public static BankKind fromCode(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (BankKind k : values()) {
            if (k.code.equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown bank kind '" + text + "'; known: "
                + Arrays.stream(values()).map(BankKind::code).collect(Collectors.joining(", ")));
    }
}
