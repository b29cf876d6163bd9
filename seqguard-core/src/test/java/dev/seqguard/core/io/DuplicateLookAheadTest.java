package dev.seqguard.core.io;

import org.junit.jupiter.api.Test;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate window's look-ahead (hashes of the coming lines, their table slots touched together) is only a
 * prefetch: over input large enough to refill the line buffer many times, with repeats near and far, mixed
 * {@code \n} / {@code \r\n} endings, lines the fast path refuses and a window small enough to wrap, the
 * quarantined line numbers are exactly those of a plain sliding window of the last N distinct lines.
 */
class DuplicateLookAheadTest {

    @Test
    void lookAheadDecidesEveryLineLikeAPlainSlidingWindow() throws IOException {
        Random random = new Random(15);
        int window = 500;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            int pick = random.nextInt(10);
            if (pick < 3 && !lines.isEmpty()) {
                // a repeat from up to twice the window back: some are in it, some have left it
                lines.add(lines.get(Math.max(0, lines.size() - 1 - random.nextInt(2 * window))));
            } else if (pick == 3) {
                lines.add(random.nextInt(50) + ",2,3,PV," + (1_511_544_070 + random.nextInt(5))); // ordinary path
            } else {
                lines.add(random.nextInt(3000) + "," + random.nextInt(100) + ",7,pv," + (1_511_544_070
                        + random.nextInt(1000)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(random.nextInt(4) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        }
        assertThat(out.size()).as("input spans many 64 KB buffer fills").isGreaterThan(10 * (1 << 16));

        Ingest r = Ingest.run(out.toByteArray(), Ingest.options(EventFormat.TAOBAO).withDuplicateWindow(window));

        List<Long> expected = new ArrayList<>();
        ArrayDeque<String> ring = new ArrayDeque<>();
        Set<String> inWindow = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("PV")) {
                continue; // unknown behaviour: rejected before the duplicate check, never enters the window
            }
            if (inWindow.contains(line)) {
                expected.add(i + 1L);
                continue;
            }
            ring.addLast(line);
            inWindow.add(line);
            if (ring.size() > window) {
                inWindow.remove(ring.removeFirst());
            }
        }
        List<Long> duplicates = r.rejected().stream().filter(q -> q.reason() == QuarantineReason.DUPLICATE)
                .map(QuarantinedLine::lineNumber).toList();
        assertThat(expected).as("the test reaches both outcomes").hasSizeGreaterThan(1000);
        assertThat(duplicates).isEqualTo(expected);
    }
}
