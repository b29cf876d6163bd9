package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.model.BehaviorEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The scenario bank: {@code count} scenarios over the chosen logs (in turn), reproducible from one seed. Scenarios
 * cycle through five attack mixes — one bank-only kind; two bank-only kinds; two of the injector's kinds with
 * parameters unlike its defaults; one of each; all three bank-only kinds with one injector kind — each at a share
 * of anomalous users drawn from 2–15% and with parameters drawn per scenario.
 */
public final class ScenarioBank {
    /** Injector kinds the bank uses by default: the attacks (misclick is event noise; name it to include it). */
    public static final Set<AnomalyType> DEFAULT_CORE = EnumSet.of(AnomalyType.CRAWLER, AnomalyType.FARMING,
            AnomalyType.ADFRAUD, AnomalyType.TAKEOVER, AnomalyType.PROMO);
    /** Bank-only kinds of the default bank ({@link BankKind#MIMIC} is opt-in, so the baseline stays comparable). */
    public static final Set<BankKind> DEFAULT_BANK = EnumSet.of(BankKind.SLOW_DRIP, BankKind.RING, BankKind.SCRAPER);
    static final int MIXES = 5;

    private final Path dataDir;
    private final Map<BankLog, List<BehaviorEvent>> cache = new EnumMap<>(BankLog.class);

    public ScenarioBank(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The real events of a log, read once. */
    public synchronized List<BehaviorEvent> events(BankLog log) {
        return cache.computeIfAbsent(log, l -> l.read(dataDir));
    }

    public Scenario build(ScenarioSpec spec) {
        return spec.build(events(spec.log()));
    }

    /**
     * @param seed     the bank's seed
     * @param count    scenarios
     * @param logs     logs to draw from, in turn
     * @param core     injector kinds allowed (may be empty)
     * @param bank     bank-only kinds allowed (may be empty, not both)
     * @param maxUsers real users per scenario
     */
    public static List<ScenarioSpec> specs(long seed, int count, List<BankLog> logs, Set<AnomalyType> core,
                                           Set<BankKind> bank, int maxUsers) {
        if (logs.isEmpty() || (core.isEmpty() && bank.isEmpty()) || count < 1) {
            throw new IllegalArgumentException("the bank needs a log, a kind and at least one scenario");
        }
        List<AnomalyType> coreList = EnumSet.allOf(AnomalyType.class).stream().filter(core::contains).toList();
        List<BankKind> bankList = EnumSet.allOf(BankKind.class).stream().filter(bank::contains).toList();
        List<ScenarioSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BankLog log = logs.get(i % logs.size());
            long scenarioSeed = ScenarioSpec.mix(seed, i);
            SplittableRandom r = new SplittableRandom(scenarioSeed);
            double share = 0.02 + 0.13 * r.nextDouble();
            int mix = (i / logs.size() + i) % MIXES;
            int nBank = switch (mix) {
                case 0 -> 1;
                case 1 -> 2;
                case 2 -> 0;
                case 3 -> 1;
                default -> 3;
            };
            int nCore = switch (mix) {
                case 0, 1 -> 0;
                case 2 -> 2;
                default -> 1;
            };
            if (bankList.isEmpty()) {
                nCore = Math.max(1, nCore + nBank);
                nBank = 0;
            }
            if (coreList.isEmpty()) {
                nBank = Math.max(1, nBank + nCore);
                nCore = 0;
            }
            List<BankKind> bankKinds = rotate(bankList, i, Math.min(nBank, bankList.size()));
            List<AnomalyType> coreKinds = rotate(coreList, i * 7 + 3, Math.min(nCore, coreList.size()));
            Map<String, String> settings = new LinkedHashMap<>();
            coreKinds.forEach(t -> settings.putAll(offDefault(t, r)));
            out.add(new ScenarioSpec(String.format(Locale.ROOT, "s%02d-%s", i + 1, log.code()), log, scenarioSeed,
                    maxUsers, share, Set.copyOf(coreKinds), settings,
                    bankKinds.contains(BankKind.SLOW_DRIP) ? SlowDripParams.draw(r) : null,
                    bankKinds.contains(BankKind.RING) ? RingParams.draw(r) : null,
                    bankKinds.contains(BankKind.SCRAPER) ? ScraperParams.draw(r) : null,
                    bankKinds.contains(BankKind.MIMIC) ? MimicParams.draw(r) : null));
        }
        return out;
    }

    private static <T> List<T> rotate(List<T> from, int start, int n) {
        List<T> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(from.get(Math.floorMod(start + k, from.size())));
        }
        return out;
    }

    /**
     * Injector settings for one kind with ranges away from its defaults (smaller crews, slower or noisier paces,
     * more camouflage), drawn per scenario.
     */
    static Map<String, String> offDefault(AnomalyType type, SplittableRandom r) {
        Map<String, String> s = new LinkedHashMap<>();
        switch (type) {
            case CRAWLER -> {
                int views = 30 + r.nextInt(120);
                s.put("crawler.views", views + ".." + (views + views / 2));
                s.put("crawler.categories", "2.." + (3 + r.nextInt(8)));
                s.put("crawler.runs", "1..2");
                s.put("crawler.gapSeconds", range(15 + 60 * r.nextDouble(), 1.5));
                s.put("crawler.gapCv", range(0.25 + 0.5 * r.nextDouble(), 1.3));
                s.put("crawler.cartProbability", num(0.01 + 0.04 * r.nextDouble()));
            }
            case FARMING -> {
                s.put("farming.accounts", "2.." + (2 + r.nextInt(3)));
                s.put("farming.targets", "2.." + (3 + r.nextInt(4)));
                s.put("farming.rounds", "2.." + (2 + r.nextInt(3)));
                s.put("farming.camouflage", (5 + r.nextInt(6)) + ".." + (12 + r.nextInt(10)));
                s.put("farming.gapSeconds", range(30 + 90 * r.nextDouble(), 1.5));
                s.put("farming.gapCv", range(0.7 + 0.8 * r.nextDouble(), 1.3));
                s.put("farming.coordinationMinutes", range(60 + 240 * r.nextDouble(), 1.5));
                s.put("farming.buyProbability", num(0.2 + 0.3 * r.nextDouble()));
            }
            case ADFRAUD -> {
                s.put("adfraud.accounts", "3.." + (4 + r.nextInt(5)));
                s.put("adfraud.burstMinutes", range(40 + 150 * r.nextDouble(), 1.5));
                s.put("adfraud.eventsPerAccount", "2.." + (3 + r.nextInt(5)));
                s.put("adfraud.decoyProbability", num(0.5 + 0.5 * r.nextDouble()));
            }
            case TAKEOVER -> {
                s.put("takeover.minHistory", Integer.toString(6 + r.nextInt(6)));
                s.put("takeover.categories", "1..2");
                s.put("takeover.views", (10 + r.nextInt(15)) + ".." + (30 + r.nextInt(15)));
                s.put("takeover.carts", "0..1");
                s.put("takeover.buys", "1..2");
                s.put("takeover.gapSeconds", range(40 + 160 * r.nextDouble(), 1.5));
                s.put("takeover.gapCv", range(0.9 + 0.6 * r.nextDouble(), 1.3));
            }
            case PROMO -> {
                s.put("promo.accounts", "1.." + (2 + r.nextInt(2)));
                s.put("promo.stormMinutes", range(60 + 120 * r.nextDouble(), 1.3));
                s.put("promo.stormEvents", "2.." + (4 + r.nextInt(5)));
                s.put("promo.buys", "1..3");
                s.put("promo.buyWindowSeconds", range(600 + 1800 * r.nextDouble(), 1.5));
                s.put("promo.browse", (6 + r.nextInt(6)) + ".." + (15 + r.nextInt(10)));
            }
            case MISCLICK -> {
                s.put("misclick.events", "3.." + (4 + r.nextInt(4)));
                s.put("misclick.minHistory", "5");
            }
        }
        return s;
    }

    private static String range(double lo, double factor) {
        return num(lo) + ".." + num(lo * factor);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
