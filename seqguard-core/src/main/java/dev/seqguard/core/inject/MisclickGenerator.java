package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Accidental clicks: see {@link MisclickParams}. Each accidental event sits inside a short gap of a real session,
 * a few seconds before the user's next real event (they noticed and went back), on an item from a category the user
 * never touches. Gaps chosen for one user are never adjacent, so the accidents stay isolated.
 */
final class MisclickGenerator implements AnomalyGenerator {
    private final MisclickParams params;

    MisclickGenerator(MisclickParams params) {
        this.params = params;
    }

    @Override
    public List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users) {
        return context.alterRealUsers(random, users, params.minHistory(), user -> addAccidents(context, random, user),
                found -> "misclick needs " + users + " real users with at least "
                        + params.minHistory() + " events and a gap inside a session, but only " + found
                        + " are left; lower the rate or misclick.minHistory");
    }

    private InjectedUser addAccidents(InjectionContext context, SplittableRandom random, String user) {
        List<BehaviorEvent> history = context.profile.eventsByUser.get(user);
        long minGap = (params.dwellSeconds().min() + 1) * 1000L;
        long maxGap = Math.round(params.maxGapMinutes() * 60_000);
        List<Integer> gaps = new ArrayList<>();
        for (int i = 0; i + 1 < history.size(); i++) {
            long prev = history.get(i).timeMillis();
            long next = history.get(i + 1).timeMillis();
            if (next - prev >= minGap && next - prev <= maxGap
                    && prev >= context.profile.windowStart && next <= context.profile.windowEnd) {
                gaps.add(i);
            }
        }
        Set<String> ownCategories = new HashSet<>();
        history.forEach(event -> ownCategories.add(event.categoryId()));
        int wanted = params.events().draw(random);
        List<Integer> chosen = new ArrayList<>();
        for (int gap : InjectionContext.distinctSample(random, gaps, gaps.size())) {
            if (chosen.size() == wanted) {
                break;
            }
            if (chosen.stream().noneMatch(other -> Math.abs(other - gap) < 2)) {
                chosen.add(gap);
            }
        }
        chosen.sort(null);
        List<BehaviorEvent> events = new ArrayList<>();
        for (int gap : chosen) {
            String item = context.popularItemWhere(random, category -> !ownCategories.contains(category));
            if (item == null) {
                continue;
            }
            long prev = history.get(gap).timeMillis();
            long next = history.get(gap + 1).timeMillis();
            long dwell = Math.min(params.dwellSeconds().draw(random) * 1000L, next - prev - 1000L);
            Action action = InjectionContext.chance(random, params.cartProbability()) ? Action.CART : Action.VIEW;
            events.add(context.event(user, item, action, next - dwell));
        }
        return events.isEmpty() ? null : new InjectedUser(user, AnomalyType.MISCLICK, events);
    }
}
