package dev.seqguard.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The taobao byte fast path against the ordinary char path on random lines, valid and mutated: whenever the fast
 * path answers, the ordinary path accepts the line with the same event; on well-formed lines (ids, a code, a
 * time of any length) the fast path answers exactly when the ordinary path accepts.
 */
class FastPathTest {

    private static final String ALPHABET = "0123456789,pvcartfavbuyX \t\r-.é";

    @Test
    void fastPathAnswersOnlyWhatTheOrdinaryPathAccepts() {
        RecordParser parser = new TaobaoFormat().newParser(null);
        Random r = new Random(15);
        int answered = 0;
        for (int n = 0; n < 200_000; n++) {
            String line = mutate(valid(r), r);
            byte[] bytes = ("ab" + line).getBytes(StandardCharsets.UTF_8);
            BehaviorEvent fast = parser.parseAscii(bytes, 2, bytes.length);
            long time = parser.timeAscii(bytes, 2, bytes.length);
            char[] chars = line.toCharArray();
            BehaviorEvent slow = parser.parse(chars, chars.length, new ParseFailure());
            if (fast == null) {
                assertThat(time).as(line).isEqualTo(Times.INVALID);
                continue;
            }
            answered++;
            assertThat(slow).as(line).isEqualTo(fast);
            assertThat(time).as(line).isEqualTo(slow.timeMillis());
        }
        assertThat(answered).isGreaterThan(20_000);
    }

    @Test
    void fastPathTakesEveryWellFormedLineTheOrdinaryPathAccepts() {
        RecordParser parser = new TaobaoFormat().newParser(null);
        Random r = new Random(3);
        for (int n = 0; n < 10_000; n++) {
            String line = valid(r);
            byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            BehaviorEvent slow = parser.parse(line.toCharArray(), line.length(), new ParseFailure());
            assertThat(parser.parseAscii(bytes, 0, bytes.length)).as(line).isEqualTo(slow);
        }
    }

    private static String valid(Random r) {
        String[] codes = {"pv", "cart", "fav", "buy"};
        return digits(r, 1 + r.nextInt(9)) + "," + digits(r, 1 + r.nextInt(9)) + "," + digits(r, 1 + r.nextInt(4))
                + "," + codes[r.nextInt(4)] + "," + digits(r, 1 + r.nextInt(r.nextInt(8) == 0 ? 20 : 10));
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** Half the lines unchanged; the others with one to three characters replaced, inserted or deleted. */
    private static String mutate(String line, Random r) {
        if (r.nextBoolean()) {
            return line;
        }
        StringBuilder b = new StringBuilder(line);
        for (int k = 0, edits = 1 + r.nextInt(3); k < edits; k++) {
            int at = r.nextInt(b.length() + 1);
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, c);
                case 1 -> { if (at < b.length()) { b.setCharAt(at, c); } }
                default -> { if (at < b.length()) { b.deleteCharAt(at); } }
            }
        }
        return b.toString();
    }
}
