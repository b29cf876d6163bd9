package dev.seqguard.core.seq;

import java.util.Collection;
import java.util.Comparator;

/**
 * The deterministic order of users in SeqGuard output: numeric order when every id is a plain non-negative integer
 * (of any length), otherwise lexicographic {@link String} order.
 */
public final class UserIdOrder {
    private UserIdOrder() {
    }

    /** Numeric order for ids that are all digits, compared without parsing so any length works. */
    public static final Comparator<String> NUMERIC = (a, b) -> {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        int c = Integer.compare(x.length(), y.length());
        if (c == 0) {
            c = x.compareTo(y);
        }
        // "007" and "7" are the same number but different users: keep them apart, deterministically.
        return c != 0 ? c : a.compareTo(b);
    };

    /** The comparator to sort these ids with: {@link #NUMERIC} if all are digit strings, natural order otherwise. */
    public static Comparator<String> forIds(Collection<String> ids) {
        for (String id : ids) {
            if (!isDigits(id)) {
                return Comparator.naturalOrder();
            }
        }
        return NUMERIC;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
