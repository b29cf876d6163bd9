package dev.seqguard.core.inject;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Plants realistic, labelled anomalies into real behaviour traffic, reproducibly from a seed, so that detectors can
 * be compared on data whose ground truth is known.
 *
 * <p>Injected events only use real items with their real categories, numeric user ids when the real ids are numeric,
 * whole-second times when the real times are whole seconds, and times inside the real traffic's window (its 0.1% to
 * 99.9% time quantiles, so that a few stray timestamps do not stretch it). Nothing in an injected event marks it as
 * injected: no extra fields, no id prefix. Real events are never changed or removed; takeover and misclick add events
 * to real users.
 *
 * <p>Each type draws from its own random stream derived from the seed, so a type's anomalies do not change when its
 * parameters stay the same and another type's change (account ids aside, which are allocated from one stream).
 */
public final class AnomalyInjector {
    private final InjectionConfig config;

    public AnomalyInjector(InjectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public InjectionConfig config() {
        return config;
    }

    /**
     * Injects anomalies into {@code realEvents} (any order; not modified).
     *
     * @throws IllegalArgumentException if there are no real events, no items, or too few real users qualify for the
     *                                  takeover or misclick share
     */
    public InjectionResult inject(List<BehaviorEvent> realEvents) {
        TrafficProfile profile = new TrafficProfile(realEvents);
        InjectionContext context = new InjectionContext(profile, new SplittableRandom(streamSeed(config.seed(), 0)));
        Map<String, AnomalyType> anomalous = new LinkedHashMap<>();
        Map<BehaviorEvent, AnomalyType> injected = new IdentityHashMap<>();
        List<BehaviorEvent> all = new ArrayList<>(realEvents);
        for (Map.Entry<AnomalyType, Integer> share : shares(profile.realUserCount()).entrySet()) {
            AnomalyType type = share.getKey();
            SplittableRandom random = new SplittableRandom(streamSeed(config.seed(), type.ordinal() + 1));
            for (InjectedUser user : generator(type).generate(context, random, share.getValue())) {
                anomalous.put(user.userId(), type);
                for (BehaviorEvent event : user.events()) {
                    injected.put(event, type);
                    all.add(event);
                }
            }
        }
        all.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        List<EventLabel> eventLabels = new ArrayList<>(injected.size());
        for (BehaviorEvent event : all) {
            AnomalyType type = injected.get(event);
            if (type != null) {
                eventLabels.add(new EventLabel(event, type));
            }
        }
        List<String> users = new ArrayList<>(profile.eventsByUser.keySet());
        anomalous.keySet().stream().filter(user -> !profile.eventsByUser.containsKey(user)).forEach(users::add);
        users.sort(TrafficProfile.USER_ORDER);
        List<UserLabel> userLabels = new ArrayList<>(users.size());
        users.forEach(user -> userLabels.add(new UserLabel(user, anomalous.get(user))));
        return new InjectionResult(all, userLabels, eventLabels, context.targets());
    }

    /**
     * Anomalous users per type: {@code round(rate * realUsers)} split evenly across the chosen types in
     * {@link AnomalyType} order, the first types taking one more when it does not divide.
     */
    Map<AnomalyType, Integer> shares(int realUsers) {
        int total = (int) Math.round(config.rate() * realUsers);
        int types = config.types().size();
        Map<AnomalyType, Integer> shares = new EnumMap<>(AnomalyType.class);
        int i = 0;
        for (AnomalyType type : config.types()) {
            shares.put(type, total / types + (i++ < total % types ? 1 : 0));
        }
        return shares;
    }

    private AnomalyGenerator generator(AnomalyType type) {
        return switch (type) {
            case FARMING -> new FarmingGenerator(config.farming());
            case CRAWLER -> new CrawlerGenerator(config.crawler());
            case ADFRAUD -> new AdFraudGenerator(config.adfraud());
            case TAKEOVER -> new TakeoverGenerator(config.takeover());
            case PROMO -> new PromoGenerator(config.promo());
            case MISCLICK -> new MisclickGenerator(config.misclick());
        };
    }

    /** SplitMix64 finaliser over seed and stream number, so that neighbouring seeds give unrelated streams. */
    private static long streamSeed(long seed, int stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
