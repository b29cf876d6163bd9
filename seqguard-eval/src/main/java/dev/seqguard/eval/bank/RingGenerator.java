package dev.seqguard.eval.bank;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Favourite/cart rings: see {@link RingParams}. The ring acts after its items first appear, all members within the
 * coordination window, and never buys. In a log without favourites or carts the ring clicks its items repeatedly,
 * since an action the log never records would give it away for free.
 */
final class RingGenerator {
    private static final long MINUTE = 60_000L;
    private final RingParams params;

    RingGenerator(RingParams params) {
        this.params = params;
    }

    List<PlantedUser> generate(BankTraffic traffic, SplittableRandom random, int users) {
        List<PlantedUser> out = new ArrayList<>();
        while (out.size() < users) {
            int size = Math.min(params.ringSize().draw(random), users - out.size());
            out.addAll(ring(traffic, random, size));
        }
        return out;
    }

    private List<PlantedUser> ring(BankTraffic traffic, SplittableRandom random, int size) {
        List<String> targets = traffic.newItems(random, params.newItems().draw(random));
        long appeared = targets.stream().mapToLong(traffic.itemFirstSeen::get).max().orElse(traffic.windowStart);
        long coordination = Math.round(params.coordinationMinutes().draw(random) * MINUTE);
        long room = traffic.windowEnd - appeared - coordination - 30 * MINUTE;
        long start = room > 0 ? appeared + random.nextLong(room + 1) : traffic.placeStart(random, coordination + 30 * MINUTE);
        List<PlantedUser> out = new ArrayList<>();
        for (int a = 0; a < size; a++) {
            long memberStart = start + (coordination == 0 ? 0 : random.nextLong(coordination + 1));
            out.add(member(traffic, random, targets, memberStart));
        }
        return out;
    }

    private PlantedUser member(BankTraffic traffic, SplittableRandom random, List<String> targets, long start) {
        String user = traffic.newAccountId(random);
        boolean fav = traffic.actions.contains(Action.FAV);
        boolean cart = traffic.actions.contains(Action.CART);
        Action look = traffic.browseAction();
        List<String[]> steps = new ArrayList<>();
        int camouflage = params.camouflage().draw(random);
        int before = random.nextInt(camouflage + 1);
        for (int i = 0; i < before; i++) {
            steps.add(new String[] {traffic.popularItem(random), look.name()});
        }
        for (String target : BankTraffic.sample(random, targets, targets.size())) {
            steps.add(new String[] {target, look.name()});
            boolean marked = false;
            if (fav && random.nextDouble() < 0.85) {
                steps.add(new String[] {target, Action.FAV.name()});
                marked = true;
            }
            if (cart && (random.nextDouble() < 0.75 || (!marked && !fav))) {
                steps.add(new String[] {target, Action.CART.name()});
                marked = true;
            }
            if (fav && !marked) {
                steps.add(new String[] {target, Action.FAV.name()});
            }
            if (!fav && !cart) {
                int clicks = params.repeatClicks().draw(random);
                for (int c = 0; c < clicks; c++) {
                    steps.add(new String[] {target, look.name()});
                }
            }
        }
        for (int i = before; i < camouflage; i++) {
            steps.add(new String[] {traffic.popularItem(random), look.name()});
        }
        double meanGap = params.gapSeconds().draw(random);
        double cv = params.gapCv().draw(random);
        List<BehaviorEvent> events = new ArrayList<>();
        long time = start;
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                time += BankTraffic.gapMillis(random, meanGap, cv);
            }
            events.add(traffic.event(user, steps.get(i)[0], Action.valueOf(steps.get(i)[1]), time));
        }
        return new PlantedUser(user, BankKind.RING, events);
    }
}
