package dev.seqguard.core.inject;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to inject: the seed, how many users become anomalous, which anomaly types, and each type's parameters.
 *
 * <p>{@code rate} is the number of anomalous users as a fraction of the real users: with 652 real users and the
 * default 0.05, {@code round(0.05 * 652) = 33} users carry label 1. They are split as evenly as possible across
 * {@code types} (in {@link AnomalyType} order, earlier types taking the remainder). New-account types add that many
 * accounts; {@link AnomalyType#TAKEOVER} and {@link AnomalyType#MISCLICK} alter that many existing users.
 *
 * @param seed     seed of every random choice; the same seed and input give identical output
 * @param rate     anomalous users / real users, in [0, 1]
 * @param types    the anomaly types to inject, not empty
 * @param farming  parameters of {@link AnomalyType#FARMING}
 * @param crawler  parameters of {@link AnomalyType#CRAWLER}
 * @param adfraud  parameters of {@link AnomalyType#ADFRAUD}
 * @param takeover parameters of {@link AnomalyType#TAKEOVER}
 * @param promo    parameters of {@link AnomalyType#PROMO}
 * @param misclick parameters of {@link AnomalyType#MISCLICK}
 */
public record InjectionConfig(long seed, double rate, Set<AnomalyType> types, FarmingParams farming,
                              CrawlerParams crawler, AdFraudParams adfraud, TakeoverParams takeover, PromoParams promo,
                              MisclickParams misclick) {

    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_RATE = 0.05;

    public InjectionConfig {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1] (anomalous users / real users), got " + rate);
        }
        Objects.requireNonNull(types, "types");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types must name at least one anomaly type");
        }
        types = Collections.unmodifiableSet(EnumSet.copyOf(types));
        Objects.requireNonNull(farming, "farming");
        Objects.requireNonNull(crawler, "crawler");
        Objects.requireNonNull(adfraud, "adfraud");
        Objects.requireNonNull(takeover, "takeover");
        Objects.requireNonNull(promo, "promo");
        Objects.requireNonNull(misclick, "misclick");
    }

    /** Every type, rate 0.05, default parameters. */
    public static InjectionConfig defaults(long seed) {
        return new InjectionConfig(seed, DEFAULT_RATE, EnumSet.allOf(AnomalyType.class), FarmingParams.defaults(),
                CrawlerParams.defaults(), AdFraudParams.defaults(), TakeoverParams.defaults(), PromoParams.defaults(),
                MisclickParams.defaults());
    }

    /**
     * Builds a configuration from textual settings on top of {@link #defaults(long)} with {@link #DEFAULT_SEED}.
     *
     * @see #withSettings(Map)
     */
    public static InjectionConfig fromMap(Map<String, String> settings) {
        return defaults(DEFAULT_SEED).withSettings(settings);
    }

    /**
     * A copy with textual settings applied: {@code seed}, {@code rate}, {@code types} (comma-separated codes or
     * {@code all}) and {@code <type>.<parameter>} such as {@code farming.accounts=8} or {@code crawler.gapSeconds=3..6}.
     * Ranges are written {@code min..max}, or a single value.
     *
     * @throws IllegalArgumentException naming the first unknown key or bad value
     */
    public InjectionConfig withSettings(Map<String, String> settings) {
        long newSeed = seed;
        double newRate = rate;
        Set<AnomalyType> newTypes = types;
        Map<AnomalyType, Map<String, String>> perType = new EnumMap<>(AnomalyType.class);
        for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            String key = setting.getKey().trim();
            String value = setting.getValue();
            switch (key) {
                case "seed" -> newSeed = parseSeed(value);
                case "rate" -> newRate = parseRate(value);
                case "types" -> newTypes = parseTypes(value);
                default -> {
                    int dot = key.indexOf('.');
                    if (dot <= 0) {
                        throw new IllegalArgumentException("unknown injection setting '" + key
                                + "'; expected seed, rate, types or <type>.<parameter> such as farming.accounts");
                    }
                    AnomalyType type;
                    try {
                        type = AnomalyType.fromCode(key.substring(0, dot));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown injection setting '" + key + "': " + e.getMessage(), e);
                    }
                    perType.computeIfAbsent(type, t -> new TreeMap<>()).put(key.substring(dot + 1), value);
                }
            }
        }
        FarmingParams newFarming = read(perType, AnomalyType.FARMING, in -> FarmingParams.read(in, farming));
        CrawlerParams newCrawler = read(perType, AnomalyType.CRAWLER, in -> CrawlerParams.read(in, crawler));
        AdFraudParams newAdfraud = read(perType, AnomalyType.ADFRAUD, in -> AdFraudParams.read(in, adfraud));
        TakeoverParams newTakeover = read(perType, AnomalyType.TAKEOVER, in -> TakeoverParams.read(in, takeover));
        PromoParams newPromo = read(perType, AnomalyType.PROMO, in -> PromoParams.read(in, promo));
        MisclickParams newMisclick = read(perType, AnomalyType.MISCLICK, in -> MisclickParams.read(in, misclick));
        return new InjectionConfig(newSeed, newRate, newTypes, newFarming, newCrawler, newAdfraud, newTakeover,
                newPromo, newMisclick);
    }

    public InjectionConfig withSeed(long newSeed) {
        return new InjectionConfig(newSeed, rate, types, farming, crawler, adfraud, takeover, promo, misclick);
    }

    public InjectionConfig withRate(double newRate) {
        return new InjectionConfig(seed, newRate, types, farming, crawler, adfraud, takeover, promo, misclick);
    }

    public InjectionConfig withTypes(Set<AnomalyType> newTypes) {
        return new InjectionConfig(seed, rate, newTypes, farming, crawler, adfraud, takeover, promo, misclick);
    }

    /** Parses {@code farming,crawler} (codes, any case, spaces allowed) or {@code all}. */
    public static Set<AnomalyType> parseTypes(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("types must name at least one anomaly type, got '" + text + "'");
        }
        if (text.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(AnomalyType.class);
        }
        EnumSet<AnomalyType> parsed = EnumSet.noneOf(AnomalyType.class);
        for (String code : text.split(",")) {
            if (!code.isBlank()) {
                parsed.add(AnomalyType.fromCode(code));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("types must name at least one anomaly type, got '" + text + "'");
        }
        return parsed;
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed must be a whole number, got '" + text + "'", e);
        }
    }

    private static double parseRate(String text) {
        try {
            return Double.parseDouble(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate must be a number in [0, 1], got '" + text + "'", e);
        }
    }

    private static <P> P read(Map<AnomalyType, Map<String, String>> perType, AnomalyType type,
                              java.util.function.Function<ParamReader, P> reader) {
        ParamReader in = new ParamReader(type, perType.getOrDefault(type, Map.of()));
        P params = reader.apply(in);
        in.rejectUnknown();
        return params;
    }
}
