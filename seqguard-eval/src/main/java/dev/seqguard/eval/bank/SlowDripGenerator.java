package dev.seqguard.eval.bank;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Slow-drip bots: see {@link SlowDripParams}. Each bot's visits are evenly spaced over its span with small jitter,
 * so per-minute rates look human while the schedule is a machine's.
 */
final class SlowDripGenerator {
    static final long DAY = 86_400_000L;
    private final SlowDripParams params;

    SlowDripGenerator(SlowDripParams params) {
        this.params = params;
    }

    List<PlantedUser> generate(BankTraffic traffic, SplittableRandom random, int users) {
        List<PlantedUser> out = new ArrayList<>();
        while (out.size() < users) {
            int bots = Math.min(params.bots().draw(random), users - out.size());
            List<String> targets = traffic.lowToMidItems(random, params.targets().draw(random));
            for (int b = 0; b < bots; b++) {
                out.add(bot(traffic, random, targets));
            }
        }
        return out;
    }

    private PlantedUser bot(BankTraffic traffic, SplittableRandom random, List<String> targets) {
        String user = traffic.newAccountId(random);
        long span = Math.min(Math.round(params.spanDays().draw(random) * DAY), Math.round(0.9 * traffic.windowLength()));
        int visits = params.visits().draw(random);
        double period = (double) span / (visits - 1);
        double cv = params.periodCv().draw(random);
        double meanGap = params.gapSeconds().draw(random);
        long start = traffic.placeStart(random, span + 60_000L * 10);
        List<BehaviorEvent> events = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (int v = 0; v < visits; v++) {
            double jitter = cv * period * Math.max(-2, Math.min(2, gaussian(random)));
            long time = Math.max(last + 1000, start + Math.round(v * period + jitter));
            int views = params.viewsPerVisit().draw(random);
            for (int i = 0; i < views; i++) {
                if (i > 0) {
                    time += BankTraffic.gapMillis(random, meanGap, 0.3);
                }
                events.add(traffic.event(user, targets.get((v + i) % targets.size()), traffic.browseAction(), time));
            }
            if (random.nextDouble() < params.decoyProbability()) {
                time += BankTraffic.gapMillis(random, meanGap, 0.3);
                events.add(traffic.event(user, traffic.popularItem(random), traffic.browseAction(), time));
            }
            last = time;
        }
        return new PlantedUser(user, BankKind.SLOW_DRIP, events);
    }

    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
