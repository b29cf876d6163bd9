package dev.seqguard.core.model;

import java.util.Locale;
import java.util.Optional;

/** What a user did. The short code is the one written in SeqGuard's own files (the Taobao vocabulary). */
public enum Action {
    VIEW("pv"),
    CLICK("click"),
    FAV("fav"),
    CART("cart"),
    BUY("buy"),
    SEARCH("search");

    private static final Action[] VALUES = values();
    private final String code;

    Action(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses SeqGuard's own codes and the common synonyms of the supported layouts; case-insensitive. */
    public static Optional<Action> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "pv": case "view": case "page_view": case "1": return Optional.of(VIEW);
            case "click": case "clk": return Optional.of(CLICK);
            case "fav": case "favorite": case "favourite": case "collect": case "2": return Optional.of(FAV);
            case "cart": case "addtocart": case "add_to_cart": case "3": return Optional.of(CART);
            case "buy": case "purchase": case "transaction": case "order": case "4": return Optional.of(BUY);
            case "search": case "query": return Optional.of(SEARCH);
            default: return Optional.empty();
        }
    }

    public static Action ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
