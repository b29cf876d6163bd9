package dev.seqguard.detect.rules;

import dev.seqguard.core.model.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the rule language. One rule per line (or several separated by {@code ;}); {@code #} starts a comment.
 * <pre>
 * rule      := "name" "=" NAME [ "weight" "=" NUMBER ] ":" condition { "and" condition }
 * condition := "count" "(" [ filter { "," filter } ] ")" CMP NUMBER [ "within" DURATION ]
 *            | "feature" "(" NAME ")" CMP NUMBER
 *            | MEASURE CMP NUMBER
 * filter    := "action" "=" ( "*" | ACTION { "|" ACTION } )  |  "same" "=" ( "item" | "category" )
 * CMP       := "&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "==" | "!="
 * DURATION  := NUMBER immediately followed by ms | s | m | h | d      (e.g. 10m)
 * MEASURE   := length | duration | gap_mean | gap_min | gap_cv | distinct_items | distinct_categories
 * ACTION    := pv | click | fav | cart | buy | search  (and the synonyms of {@link Action#parse})
 * </pre>
 * Example: {@code name=bulk-buy weight=2: count(action=buy, same=item) >= 3 within 1h}.
 */
public final class RuleParser {

    private RuleParser() {
    }

    /**
     * The rules of {@code text}, in order.
     *
     * @throws RuleSyntaxException naming line and column, for any malformed rule or a duplicate rule name
     */
    public static List<Rule> parse(String text) {
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int l = 0; l < lines.length; l++) {
            Cursor c = new Cursor(Lexer.tokens(lines[l], l + 1), l + 1);
            while (!c.atEnd()) {
                if (c.peekIs(";")) {
                    c.next();
                    continue;
                }
                Token start = c.peek();
                Rule r = rule(c);
                if (!names.add(r.name())) {
                    throw new RuleSyntaxException(l + 1, start.column(), "duplicate rule name '" + r.name() + "'");
                }
                rules.add(r);
                if (!c.atEnd()) {
                    c.expect(";");
                }
            }
        }
        return rules;
    }

    private static Rule rule(Cursor c) {
        c.expectWord("name");
        c.expect("=");
        String name = c.expectKind(Kind.WORD, "a rule name").text();
        double weight = 1.0;
        if (c.peekIsWord("weight")) {
            c.next();
            c.expect("=");
            Token w = c.expectKind(Kind.NUMBER, "a weight");
            weight = plainNumber(c, w);
            if (!(weight > 0)) {
                throw c.error(w, "weight must be positive, got " + w.text());
            }
        }
        c.expect(":");
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(c));
        while (c.peekIsWord("and")) {
            c.next();
            conditions.add(condition(c));
        }
        return new Rule(name, weight, conditions, c.line);
    }

    private static Condition condition(Cursor c) {
        Token head = c.expectKind(Kind.WORD, "a condition (count(...), feature(...) or a measure)");
        String word = head.text().toLowerCase(Locale.ROOT);
        if (word.equals("count")) {
            return count(c);
        }
        if (word.equals("feature")) {
            c.expect("(");
            String feature = c.expectKind(Kind.WORD, "a feature name").text();
            c.expect(")");
            Comparison cmp = comparison(c);
            return new Condition.Feature(feature, cmp, plainNumber(c, c.expectKind(Kind.NUMBER, "a number")));
        }
        SequenceMeasure measure = SequenceMeasure.ofRuleName(word).orElseThrow(() -> c.error(head,
                "unknown condition '" + head.text() + "'; expected count(...), feature(...) or one of "
                        + Arrays.stream(SequenceMeasure.values()).map(SequenceMeasure::ruleName)
                        .collect(Collectors.joining(", "))));
        Comparison cmp = comparison(c);
        return new Condition.Measure(measure, cmp, plainNumber(c, c.expectKind(Kind.NUMBER, "a number")));
    }

    private static Condition count(Cursor c) {
        c.expect("(");
        Set<Action> actions = EnumSet.noneOf(Action.class);
        Grouping grouping = Grouping.NONE;
        boolean first = true;
        while (!c.peekIs(")")) {
            if (!first && !c.peekIs(",")) {
                throw c.error(c.peek(), "expected ',' or ')' but found " + c.describe(c.peek()));
            } else if (!first) {
                c.next();
            }
            first = false;
            Token key = c.expectKind(Kind.WORD, "'action' or 'same'");
            c.expect("=");
            switch (key.text().toLowerCase(Locale.ROOT)) {
                case "action" -> {
                    if (c.peekIs("*")) {
                        c.next();
                    } else {
                        actions.add(action(c));
                        while (c.peekIs("|")) {
                            c.next();
                            actions.add(action(c));
                        }
                    }
                }
                case "same" -> {
                    Token g = c.expectKind(Kind.WORD, "'item' or 'category'");
                    grouping = switch (g.text().toLowerCase(Locale.ROOT)) {
                        case "item" -> Grouping.ITEM;
                        case "category" -> Grouping.CATEGORY;
                        default -> throw c.error(g, "same= must be 'item' or 'category', got '" + g.text() + "'");
                    };
                }
                default -> throw c.error(key, "unknown count option '" + key.text() + "'; expected 'action' or 'same'");
            }
        }
        c.expect(")");
        Comparison cmp = comparison(c);
        double threshold = plainNumber(c, c.expectKind(Kind.NUMBER, "a number"));
        long window = 0;
        if (c.peekIsWord("within")) {
            c.next();
            Token d = c.expectKind(Kind.NUMBER, "a duration such as 10m");
            window = durationMillis(c, d);
        }
        return new Condition.Count(actions, grouping, cmp, threshold, window);
    }

    private static Action action(Cursor c) {
        Token a = c.expectKind(Kind.WORD, "an action");
        return Action.parse(a.text()).orElseThrow(() -> c.error(a, "unknown action '" + a.text() + "'; known: "
                + Arrays.stream(Action.values()).map(Action::code).collect(Collectors.joining(", "))));
    }

    private static Comparison comparison(Cursor c) {
        Token t = c.expectKind(Kind.COMPARISON, "a comparison (>, >=, <, <=, ==, !=)");
        return Comparison.ofSymbol(t.text());
    }

    private static double plainNumber(Cursor c, Token t) {
        if (!t.unit().isEmpty()) {
            throw c.error(t, "expected a plain number, got '" + t.text() + t.unit() + "'");
        }
        return Double.parseDouble(t.text());
    }

    private static long durationMillis(Cursor c, Token t) {
        double v = Double.parseDouble(t.text());
        long unit = switch (t.unit()) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> throw c.error(t, "a duration needs a unit ms, s, m, h or d, got '" + t.text() + t.unit() + "'");
        };
        long millis = Math.round(v * unit);
        if (millis <= 0) {
            throw c.error(t, "a window must be positive, got '" + t.text() + t.unit() + "'");
        }
        return millis;
    }

    /** Shortest exact text of a duration: {@code 90s}, {@code 10m}, {@code 1h}. */
    static String formatDuration(long millis) {
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    enum Kind { WORD, NUMBER, COMPARISON, SYMBOL }

    /** A token; for a NUMBER, {@code unit} holds letters written right after it ({@code 10m}), else empty. */
    record Token(Kind kind, String text, String unit, int column) {
    }

    private static final class Lexer {
        static List<Token> tokens(String line, int lineNo) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = line.length();
            while (i < n) {
                char ch = line.charAt(i);
                int col = i + 1;
                if (ch == '#') {
                    break;
                } else if (Character.isWhitespace(ch)) {
                    i++;
                } else if (Character.isDigit(ch) || (ch == '-' || ch == '.') && i + 1 < n && Character.isDigit(line.charAt(i + 1))) {
                    int s = i++;
                    while (i < n && (Character.isDigit(line.charAt(i)) || line.charAt(i) == '.')) {
                        i++;
                    }
                    String num = line.substring(s, i);
                    int u = i;
                    while (i < n && Character.isLetter(line.charAt(i))) {
                        i++;
                    }
                    try {
                        Double.parseDouble(num);
                    } catch (NumberFormatException e) {
                        throw new RuleSyntaxException(lineNo, col, "malformed number '" + num + "'");
                    }
                    out.add(new Token(Kind.NUMBER, num, line.substring(u, i).toLowerCase(Locale.ROOT), col));
                } else if (Character.isLetter(ch) || ch == '_') {
                    int s = i;
                    while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || "_-.".indexOf(line.charAt(i)) >= 0)) {
                        i++;
                    }
                    out.add(new Token(Kind.WORD, line.substring(s, i), "", col));
                } else if ("<>!=".indexOf(ch) >= 0) {
                    boolean twoChar = i + 1 < n && line.charAt(i + 1) == '=';
                    String op = twoChar ? line.substring(i, i + 2) : String.valueOf(ch);
                    i += op.length();
                    if (op.equals("=")) {
                        out.add(new Token(Kind.SYMBOL, op, "", col));
                    } else if (op.equals("!")) {
                        throw new RuleSyntaxException(lineNo, col, "'!' must be followed by '=' (not equal)");
                    } else {
                        out.add(new Token(Kind.COMPARISON, op, "", col));
                    }
                } else if ("():,|*;".indexOf(ch) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(ch), "", col));
                    i++;
                } else {
                    throw new RuleSyntaxException(lineNo, col, "unexpected character '" + ch + "'");
                }
            }
            out.add(new Token(Kind.SYMBOL, "<end of line>", "", n + 1));
            return out;
        }
    }

    private static final class Cursor {
        private final List<Token> tokens;
        private final int line;
        private int pos;

        Cursor(List<Token> tokens, int line) {
            this.tokens = tokens;
            this.line = line;
        }

        boolean atEnd() {
            return pos == tokens.size() - 1;
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            Token t = tokens.get(pos);
            if (!atEnd()) {
                pos++;
            }
            return t;
        }

        boolean peekIs(String symbol) {
            return !atEnd() && peek().kind() == Kind.SYMBOL && peek().text().equals(symbol);
        }

        boolean peekIsWord(String word) {
            return peek().kind() == Kind.WORD && peek().text().equalsIgnoreCase(word);
        }

        void expect(String symbol) {
            if (!peekIs(symbol)) {
                throw error(peek(), "expected '" + symbol + "' but found " + describe(peek()));
            }
            next();
        }

        void expectWord(String word) {
            if (!peekIsWord(word)) {
                throw error(peek(), "expected '" + word + "' but found " + describe(peek()));
            }
            next();
        }

        Token expectKind(Kind kind, String what) {
            if (atEnd() || peek().kind() != kind) {
                throw error(peek(), "expected " + what + " but found " + describe(peek()));
            }
            return next();
        }

        RuleSyntaxException error(Token at, String problem) {
            return new RuleSyntaxException(line, at.column(), problem);
        }

        String describe(Token t) {
            return atEnd() && t == tokens.get(tokens.size() - 1) ? "the end of the line" : "'" + t.text() + t.unit() + "'";
        }
    }
}
