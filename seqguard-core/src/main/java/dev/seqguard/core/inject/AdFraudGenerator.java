package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ad-click fraud bursts: see {@link AdFraudParams}. Each account alone is short and unremarkable; the anomaly is many
 * short-lived accounts converging on the same advertised items within minutes (as in click-fraud data such as
 * TalkingData's, where fraudulent clicks come in dense bursts and never convert).
 */
final class AdFraudGenerator implements AnomalyGenerator {
    /** Most gap between an account's successive clicks: bots click again within seconds. */
    private static final int MAX_CLICK_GAP_SECONDS = 20;
    private final AdFraudParams params;

    AdFraudGenerator(AdFraudParams params) {
        this.params = params;
    }

    @Override
    public List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users) {
        List<InjectedUser> out = new ArrayList<>();
        for (int burstSize : InjectionContext.groupSizes(random, users, params.accounts())) {
            List<String> targets = context.lowToMidItems(random, params.targets().draw(random));
            targets.forEach(item -> context.addTarget(item, AnomalyType.ADFRAUD));
            long burst = Math.round(params.burstMinutes().draw(random) * 60_000);
            long tail = (long) params.eventsPerAccount().max() * MAX_CLICK_GAP_SECONDS * 1000;
            long start = context.placeStart(random, burst + tail);
            for (int a = 0; a < burstSize; a++) {
                out.add(account(context, random, targets, start, burst));
            }
        }
        return out;
    }

    private InjectedUser account(InjectionContext context, SplittableRandom random, List<String> targets, long start,
                                 long burst) {
        String userId = context.newAccountId();
        long time = start + random.nextLong(burst + 1);
        List<BehaviorEvent> events = new ArrayList<>();
        if (InjectionContext.chance(random, params.decoyProbability())) {
            events.add(context.event(userId, context.popularItem(random), Action.VIEW,
                    time - 1000L * random.nextInt(5, 60)));
        }
        int clicks = params.eventsPerAccount().draw(random);
        for (int c = 0; c < clicks; c++) {
            if (c > 0) {
                time += 1000L * random.nextInt(1, MAX_CLICK_GAP_SECONDS + 1);
            }
            events.add(context.event(userId, targets.get(random.nextInt(targets.size())), context.clickAction(), time));
        }
        return new InjectedUser(userId, AnomalyType.ADFRAUD, events);
    }
}
