package dev.seqguard.core.inject;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of anomaly the {@link AnomalyInjector} plants. The code is the name used on the command line and in the
 * label files.
 */
public enum AnomalyType {
    /** Coordinated new accounts repeatedly viewing, favouriting, carting and buying the same few target items. */
    FARMING("farming", true, true),
    /** New accounts sweeping the catalogue with machine-regular item views and almost no carts or buys. */
    CRAWLER("crawler", true, false),
    /** Bursts of many light new accounts clicking the same few advertised items within minutes. */
    ADFRAUD("adfraud", true, true),
    /** An existing user whose normal history is followed by a fast burst of buying in never-seen categories. */
    TAKEOVER("takeover", false, false),
    /** New accounts storming carts and favourites before a sale moment, then buying the discounted items at once. */
    PROMO("promo", true, true),
    /** Existing users with one to three isolated accidental events: event-level noise. */
    MISCLICK("misclick", false, false);

    private final String code;
    private final boolean newAccounts;
    private final boolean promotesItems;

    AnomalyType(String code, boolean newAccounts, boolean promotesItems) {
        this.code = code;
        this.newAccounts = newAccounts;
        this.promotesItems = promotesItems;
    }

    /** The name used in CLI options and label files, e.g. {@code farming}. */
    public String code() {
        return code;
    }

    /** Whether this type creates new accounts (otherwise it alters existing real users). */
    public boolean createsAccounts() {
        return newAccounts;
    }

    /** Whether this type pushes particular target items, which are then listed in {@code targets.csv}. */
    public boolean promotesItems() {
        return promotesItems;
    }

    /** Parses a code, case-insensitively. */
    public static AnomalyType fromCode(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (AnomalyType type : values()) {
            if (type.code.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown anomaly type '" + text + "'; known types: "
                + Arrays.stream(values()).map(AnomalyType::code).collect(Collectors.joining(", ")));
    }
}
