package dev.seqguard.eval.bank;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Mimicry bots: see {@link MimicParams}. A bot copies one real user's history — the same actions in the same order,
 * the same gaps (stretched a little), so per-user rates, action mix and burstiness look human — moved to another
 * start, with a share of its touches on the campaign's targets and the rest on popular items (not the copied user's
 * own items, which would make it that user's twin).
 */
final class MimicGenerator {
    private final MimicParams params;

    MimicGenerator(MimicParams params) {
        this.params = params;
    }

    List<PlantedUser> generate(BankTraffic traffic, SplittableRandom random, List<BehaviorEvent> real, int users) {
        Map<String, List<BehaviorEvent>> byUser = real.stream().collect(Collectors.groupingBy(BehaviorEvent::userId,
                java.util.LinkedHashMap::new, Collectors.toList()));
        List<List<BehaviorEvent>> models = byUser.values().stream().filter(h -> h.size() >= params.minHistory())
                .collect(Collectors.toCollection(ArrayList::new));
        if (models.isEmpty()) {
            models.add(byUser.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow());
        }
        List<PlantedUser> out = new ArrayList<>();
        while (out.size() < users) {
            List<String> targets = traffic.lowToMidItems(random, params.targets().draw(random));
            int bots = Math.min(params.bots().draw(random), users - out.size());
            for (int b = 0; b < bots; b++) {
                out.add(bot(traffic, random, models.get(random.nextInt(models.size())), targets));
            }
        }
        return out;
    }

    private PlantedUser bot(BankTraffic traffic, SplittableRandom random, List<BehaviorEvent> model,
                            List<String> targets) {
        String user = traffic.newAccountId(random);
        List<BehaviorEvent> sorted = new ArrayList<>(model);
        sorted.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        double stretch = params.timeStretch().draw(random);
        double steer = params.steerShare().draw(random);
        long span = Math.round((sorted.get(sorted.size() - 1).timeMillis() - sorted.get(0).timeMillis()) * stretch);
        long start = traffic.placeStart(random, span);
        List<BehaviorEvent> events = new ArrayList<>();
        boolean steered = false;
        for (int i = 0; i < sorted.size(); i++) {
            BehaviorEvent e = sorted.get(i);
            long time = start + Math.round((e.timeMillis() - sorted.get(0).timeMillis()) * stretch);
            boolean toTarget = random.nextDouble() < steer || (i == sorted.size() - 1 && !steered);
            steered |= toTarget;
            String item = toTarget ? targets.get(random.nextInt(targets.size())) : traffic.popularItem(random);
            events.add(traffic.event(user, item, e.action(), time));
        }
        return new PlantedUser(user, BankKind.MIMIC, events);
    }
}
