package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Click farming groups: see {@link FarmingParams}. The signal a detector can find is the group, not the single
 * account: accounts created together that touch the same few mid-popularity items round after round, each at an
 * even pace, always converting. Cf. Weng et al., "CATS: Cross-platform E-commerce Fraud Detection", ICDE 2019, on
 * click farming at Alibaba.
 */
final class FarmingGenerator implements AnomalyGenerator {
    private static final long HOUR = 3_600_000L;
    private final FarmingParams params;

    FarmingGenerator(FarmingParams params) {
        this.params = params;
    }

    @Override
    public List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users) {
        List<InjectedUser> out = new ArrayList<>();
        for (int groupSize : InjectionContext.groupSizes(random, users, params.accounts())) {
            out.addAll(group(context, random, groupSize));
        }
        return out;
    }

    private List<InjectedUser> group(InjectionContext context, SplittableRandom random, int size) {
        List<String> targets = context.lowToMidItems(random, params.targets().draw(random));
        targets.forEach(item -> context.addTarget(item, AnomalyType.FARMING));
        long coordination = Math.round(params.coordinationMinutes().draw(random) * 60_000);
        long span = Math.min(Math.round(params.campaignHours().draw(random) * HOUR),
                Math.max(HOUR, context.profile.windowLength() - coordination - 2 * HOUR));
        long start = context.placeStart(random, span + coordination + 2 * HOUR);
        int rounds = params.rounds().draw(random);
        long[] roundStarts = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            // Evenly spread rounds with jitter: the operator works in shifts, not at random instants.
            roundStarts[r] = start + Math.round(span * (r + 0.5 * random.nextDouble()) / rounds);
        }
        List<InjectedUser> accounts = new ArrayList<>();
        for (int a = 0; a < size; a++) {
            accounts.add(account(context, random, targets, roundStarts, coordination));
        }
        return accounts;
    }

    private InjectedUser account(InjectionContext context, SplittableRandom random, List<String> targets,
                                 long[] roundStarts, long coordination) {
        String userId = context.newAccountId();
        double meanGap = params.gapSeconds().draw(random);
        double gapCv = params.gapCv().draw(random);
        boolean[] joins = new boolean[roundStarts.length];
        int joined = 0;
        for (int r = 0; r < joins.length; r++) {
            joins[r] = InjectionContext.chance(random, params.joinProbability());
            joined += joins[r] ? 1 : 0;
        }
        while (joined < 2) {
            int r = random.nextInt(joins.length);
            if (!joins[r]) {
                joins[r] = true;
                joined++;
            }
        }
        int lastRound = joins.length - 1;
        while (!joins[lastRound]) {
            lastRound--;
        }
        List<BehaviorEvent> events = new ArrayList<>();
        boolean bought = false;
        for (int r = 0; r < joins.length; r++) {
            if (joins[r]) {
                List<Step> visit = visit(context, random, targets, r == lastRound && !bought);
                bought |= visit.stream().anyMatch(step -> step.action() == Action.BUY);
                long visitStart = roundStarts[r] + (coordination == 0 ? 0 : random.nextLong(coordination + 1));
                context.pace(userId, visit, visitStart, meanGap, gapCv, random, events);
            }
        }
        return new InjectedUser(userId, AnomalyType.FARMING, events);
    }

    /** One visit: camouflage views around the target routine of view, maybe favourite, maybe cart, maybe buy. */
    private List<Step> visit(InjectionContext context, SplittableRandom random, List<String> targets, boolean mustBuy) {
        int camouflage = params.camouflage().draw(random);
        int before = random.nextInt(camouflage + 1);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            steps.add(new Step(context.popularItem(random), Action.VIEW));
        }
        boolean bought = false;
        for (String target : InjectionContext.distinctSample(random, targets, targets.size())) {
            int views = 1 + random.nextInt(2);
            for (int v = 0; v < views; v++) {
                steps.add(new Step(target, Action.VIEW));
            }
            if (InjectionContext.chance(random, params.favProbability())) {
                steps.add(new Step(target, Action.FAV));
            }
            if (InjectionContext.chance(random, params.cartProbability())) {
                steps.add(new Step(target, Action.CART));
            }
            if (InjectionContext.chance(random, params.buyProbability()) || (mustBuy && !bought)) {
                steps.add(new Step(target, Action.BUY));
                bought = true;
            }
        }
        for (int i = before; i < camouflage; i++) {
            steps.add(new Step(context.popularItem(random), Action.VIEW));
        }
        return steps;
    }
}
