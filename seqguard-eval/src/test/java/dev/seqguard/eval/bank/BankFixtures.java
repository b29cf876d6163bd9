package dev.seqguard.eval.bank;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic "real" logs for the bank's tests: shoppers over several days, items in categories. */
final class BankFixtures {
    static final long DAY = 86_400_000L;
    static final long START = 1_511_568_000_000L;

    private BankFixtures() {
    }

    /**
     * {@code users} shoppers over {@code days} days, 8–30 events each in sessions; 400 items in 8 categories; items
     * 350.. appear only in the last day. With {@code rich}, views plus some favourites, carts and buys; otherwise
     * clicks only (a YOOCHOOSE-like log).
     */
    static List<BehaviorEvent> shoppers(long seed, int users, int days, boolean rich) {
        SplittableRandom r = new SplittableRandom(seed);
        List<BehaviorEvent> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = Integer.toString(1000 + u * 7);
            int n = 8 + r.nextInt(23);
            long t = START + r.nextLong((days - 1) * DAY);
            for (int i = 0; i < n; i++) {
                t += r.nextDouble() < 0.2 ? r.nextLong(3_600_000L, 20 * 3_600_000L) : r.nextLong(5_000, 300_000);
                t = Math.min(t, START + days * DAY - 1000);
                int item = t > START + (days - 1) * DAY && r.nextDouble() < 0.3 ? 350 + r.nextInt(50)
                        : r.nextInt(350);
                Action a = rich ? pick(r) : Action.CLICK;
                out.add(new BehaviorEvent(user, Integer.toString(item), Integer.toString(item % 8), a,
                        t / 1000 * 1000));
            }
        }
        out.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        return out;
    }

    private static Action pick(SplittableRandom r) {
        double x = r.nextDouble();
        return x < 0.85 ? Action.VIEW : x < 0.9 ? Action.FAV : x < 0.96 ? Action.CART : Action.BUY;
    }
}
