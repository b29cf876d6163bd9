package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.AnomalyInjector;
import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.inject.InjectionConfig;
import dev.seqguard.core.inject.InjectionResult;
import dev.seqguard.core.inject.UserLabel;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One labelled scenario, before it is built: which log, how many of its users, which attacks at which share and
 * parameters, and the seed every random choice comes from. {@link #build(List)} is deterministic in the spec.
 *
 * @param id           short name, e.g. {@code s07-yoochoose}
 * @param log          the real log
 * @param seed         seed of the user sample, the injector and the bank's generators
 * @param maxUsers     real users kept (a seeded random sample when the log has more)
 * @param share        anomalous users / real users, split evenly across the kinds
 * @param coreKinds    kinds of SeqGuard's own injector, with {@code coreSettings} unlike its defaults
 * @param coreSettings {@code <type>.<parameter>} settings for the injector ({@link InjectionConfig#withSettings})
 * @param slowDrip     parameters of {@link BankKind#SLOW_DRIP}, or null when absent
 * @param ring         parameters of {@link BankKind#RING}, or null
 * @param scraper      parameters of {@link BankKind#SCRAPER}, or null
 * @param mimic        parameters of {@link BankKind#MIMIC}, or null
 */
public record ScenarioSpec(String id, BankLog log, long seed, int maxUsers, double share, Set<AnomalyType> coreKinds,
                           Map<String, String> coreSettings, SlowDripParams slowDrip, RingParams ring,
                           ScraperParams scraper, MimicParams mimic) {

    /** A scenario without the opt-in {@link BankKind#MIMIC}. */
    public ScenarioSpec(String id, BankLog log, long seed, int maxUsers, double share, Set<AnomalyType> coreKinds,
                        Map<String, String> coreSettings, SlowDripParams slowDrip, RingParams ring,
                        ScraperParams scraper) {
        this(id, log, seed, maxUsers, share, coreKinds, coreSettings, slowDrip, ring, scraper, null);
    }

    public ScenarioSpec {
        if (!(share > 0 && share < 0.5)) {
            throw new IllegalArgumentException("share must be in (0, 0.5), got " + share);
        }
        if (maxUsers < 10) {
            throw new IllegalArgumentException("maxUsers must be at least 10, got " + maxUsers);
        }
        coreKinds = coreKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(coreKinds));
        coreSettings = Map.copyOf(coreSettings);
        if (coreKinds.isEmpty() && slowDrip == null && ring == null && scraper == null && mimic == null) {
            throw new IllegalArgumentException("scenario " + id + " plants no kind");
        }
    }

    /** The kinds planted, injector kinds first, as codes. */
    public List<String> kindCodes() {
        List<String> out = new ArrayList<>();
        EnumSet.allOf(AnomalyType.class).stream().filter(coreKinds::contains).forEach(t -> out.add(t.code()));
        bankKinds().forEach(k -> out.add(k.code()));
        return out;
    }

    public List<BankKind> bankKinds() {
        List<BankKind> out = new ArrayList<>();
        if (slowDrip != null) {
            out.add(BankKind.SLOW_DRIP);
        }
        if (ring != null) {
            out.add(BankKind.RING);
        }
        if (scraper != null) {
            out.add(BankKind.SCRAPER);
        }
        if (mimic != null) {
            out.add(BankKind.MIMIC);
        }
        return out;
    }

    /** Builds the scenario on the log's events (all of them; the user sample is taken here). */
    public Scenario build(List<BehaviorEvent> logEvents) {
        List<BehaviorEvent> real = sampleUsers(logEvents, maxUsers, new SplittableRandom(mix(seed, 1)));
        Set<String> realUsers = new LinkedHashSet<>();
        real.forEach(e -> realUsers.add(e.userId()));
        List<String> kinds = kindCodes();
        int total = Math.max(kinds.size(), (int) Math.round(share * realUsers.size()));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            counts.put(kinds.get(i), total / kinds.size() + (i < total % kinds.size() ? 1 : 0));
        }
        Map<String, String> kindOf = new LinkedHashMap<>();
        List<BehaviorEvent> all = new ArrayList<>(real);
        Set<AnomalyType> core = EnumSet.noneOf(AnomalyType.class);
        core.addAll(coreKinds);
        if (!core.isEmpty()) {
            int coreCount = core.stream().mapToInt(t -> counts.get(t.code())).sum();
            InjectionResult injected = injectCore(real, realUsers.size(), coreCount, core);
            all = new ArrayList<>(injected.events());
            for (UserLabel l : injected.userLabels()) {
                if (l.anomalous()) {
                    kindOf.put(l.userId(), l.typeCode());
                }
            }
        }
        Set<String> taken = new HashSet<>();
        all.forEach(e -> taken.add(e.userId()));
        BankTraffic traffic = new BankTraffic(real, taken);
        for (BankKind k : bankKinds()) {
            SplittableRandom random = new SplittableRandom(mix(seed, 100 + k.ordinal()));
            List<PlantedUser> planted = switch (k) {
                case SLOW_DRIP -> new SlowDripGenerator(slowDrip).generate(traffic, random, counts.get(k.code()));
                case RING -> new RingGenerator(ring).generate(traffic, random, counts.get(k.code()));
                case SCRAPER -> new ScraperGenerator(scraper).generate(traffic, random, counts.get(k.code()));
                case MIMIC -> new MimicGenerator(mimic).generate(traffic, random, real, counts.get(k.code()));
            };
            for (PlantedUser p : planted) {
                kindOf.put(p.userId(), k.code());
                all.addAll(p.events());
            }
        }
        all = inVocabulary(all, traffic);
        all.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        return new Scenario(this, all, kindOf, realUsers.size());
    }

    /**
     * The injector's attacks at the share asked for; kinds that need more history than the sample has (takeover,
     * misclick) are dropped, as {@code InjectedValidation} does, rather than failing the scenario.
     */
    private InjectionResult injectCore(List<BehaviorEvent> real, int realUsers, int count, Set<AnomalyType> kinds) {
        InjectionConfig config = InjectionConfig.defaults(seed).withSettings(coreSettings)
                .withRate((double) count / realUsers);
        Set<AnomalyType> types = EnumSet.copyOf(kinds);
        while (true) {
            try {
                return new AnomalyInjector(config.withTypes(types)).inject(real);
            } catch (IllegalArgumentException tooLittleHistory) {
                if (!types.remove(AnomalyType.TAKEOVER) && !types.remove(AnomalyType.MISCLICK)) {
                    throw tooLittleHistory;
                }
                if (types.isEmpty()) {
                    types = EnumSet.of(AnomalyType.CRAWLER);
                }
            }
        }
    }

    /**
     * Planted events whose action the real log never records (a buy in a clicks-only log) become the log's plain
     * look at an item: otherwise the action alone would give them away.
     */
    private static List<BehaviorEvent> inVocabulary(List<BehaviorEvent> events, BankTraffic traffic) {
        List<BehaviorEvent> out = new ArrayList<>(events.size());
        for (BehaviorEvent e : events) {
            out.add(traffic.actions.contains(e.action()) ? e : new BehaviorEvent(e.userId(), e.itemId(),
                    e.categoryId(), traffic.browseAction(), e.timeMillis(), e.extras()));
        }
        return out;
    }

    /** All events of {@code maxUsers} users drawn at random (every user when there are no more). */
    static List<BehaviorEvent> sampleUsers(List<BehaviorEvent> events, int maxUsers, SplittableRandom random) {
        Set<String> users = new LinkedHashSet<>();
        events.forEach(e -> users.add(e.userId()));
        if (users.size() <= maxUsers) {
            return new ArrayList<>(events);
        }
        Set<String> keep = new HashSet<>(BankTraffic.sample(random, new ArrayList<>(users), maxUsers));
        return events.stream().filter(e -> keep.contains(e.userId())).collect(Collectors.toCollection(ArrayList::new));
    }

    /** One line saying what is planted, e.g. {@code 7.5% crawler+slowdrip}. */
    public String describe() {
        return String.format(Locale.ROOT, "%.1f%% %s", 100 * share, String.join("+", kindCodes()));
    }

    /** Every parameter, for the CSV. */
    public String parameters() {
        Map<String, String> p = new TreeMap<>(coreSettings);
        if (slowDrip != null) {
            p.put("slowdrip", slowDrip.toString());
        }
        if (ring != null) {
            p.put("ring", ring.toString());
        }
        if (scraper != null) {
            p.put("scraper", scraper.toString());
        }
        if (mimic != null) {
            p.put("mimic", mimic.toString());
        }
        return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))
                .replaceAll("(\\d+\\.\\d{3})\\d+", "$1").replace("Params[", "[");
    }

    static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
