package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyInjectorTest {
    private static final long DATA_START = LocalDate.of(2017, 11, 25).atStartOfDay(ZoneOffset.ofHours(8))
            .toInstant().toEpochMilli();
    private static final long DATA_END = LocalDate.of(2017, 12, 4).atStartOfDay(ZoneOffset.ofHours(8))
            .toInstant().toEpochMilli();

    private static List<BehaviorEvent> real;
    private static Map<String, List<BehaviorEvent>> realByUser;
    private static InjectionResult result;
    private static Map<String, List<BehaviorEvent>> injectedByUser;

    @BeforeAll
    static void injectDefaults() {
        real = TaobaoSample.events();
        realByUser = byUser(real);
        result = new AnomalyInjector(InjectionConfig.defaults(7)).inject(real);
        injectedByUser = byUser(result.eventLabels().stream().map(EventLabel::event).toList());
    }

    @Test
    void sameSeedWritesByteIdenticalLabelFiles(@TempDir Path dir) throws IOException {
        InjectionResult again = new AnomalyInjector(InjectionConfig.defaults(7)).inject(real);
        LabelFiles.write(result, dir.resolve("a"));
        LabelFiles.write(again, dir.resolve("b"));
        for (String file : List.of(LabelFiles.USER_LABELS, LabelFiles.EVENT_LABELS, LabelFiles.TARGETS)) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(again.events()).isEqualTo(result.events());
    }

    @Test
    void differentSeedsInjectDifferentAnomalies() {
        InjectionResult other = new AnomalyInjector(InjectionConfig.defaults(8)).inject(real);
        assertThat(other.anomalousUserCount()).isEqualTo(result.anomalousUserCount());
        assertThat(anomalousIds(other)).isNotEqualTo(anomalousIds(result));
        assertThat(other.eventLabels()).isNotEqualTo(result.eventLabels());
    }

    @Test
    void anomalousUserCountIsTheRateOfRealUsersSplitEvenlyAcrossTypes() {
        assertThat(realByUser).hasSize(652);
        // round(0.05 * 652) = 33 = 6 + 6 + 6 + 5 + 5 + 5 in AnomalyType order.
        assertThat(result.anomalousUserCount()).isEqualTo(33);
        assertThat(result.anomalousUsersByType()).containsExactlyEntriesOf(orderedMap(
                AnomalyType.FARMING, 6, AnomalyType.CRAWLER, 6, AnomalyType.ADFRAUD, 6,
                AnomalyType.TAKEOVER, 5, AnomalyType.PROMO, 5, AnomalyType.MISCLICK, 5));

        InjectionConfig two = InjectionConfig.defaults(3).withSettings(Map.of("types", "farming,crawler", "rate", "0.1"));
        InjectionResult twoTypes = new AnomalyInjector(two).inject(real);
        // round(0.1 * 652) = 65 = 33 farming + 32 crawler.
        assertThat(twoTypes.anomalousUsersByType()).containsExactlyEntriesOf(orderedMap(
                AnomalyType.FARMING, 33, AnomalyType.CRAWLER, 32));
    }

    @Test
    void everyUserIsLabelledOnceAndEveryAnomalousUserHasInjectedEvents() {
        Set<String> usersInOutput = byUser(result.events()).keySet();
        assertThat(result.userLabels()).extracting(UserLabel::userId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(usersInOutput);
        for (UserLabel label : result.userLabels()) {
            if (label.anomalous()) {
                assertThat(injectedByUser.get(label.userId())).as(label.userId()).isNotEmpty();
            } else {
                assertThat(realByUser).containsKey(label.userId());
                assertThat(injectedByUser).doesNotContainKey(label.userId());
                assertThat(label.typeCode()).isEqualTo("normal");
            }
        }
        Map<String, UserLabel> labels = result.labelsByUser();
        result.eventLabels().forEach(e -> assertThat(labels.get(e.event().userId()).type()).isEqualTo(e.type()));
    }

    @Test
    void realEventsAllSurviveUnchangedAndOutputIsTimeOrderedAndStable() {
        Map<BehaviorEvent, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < real.size(); i++) {
            position.put(real.get(i), i);
        }
        List<BehaviorEvent> realInOutput = result.events().stream().filter(position::containsKey).toList();
        assertThat(realInOutput).hasSize(real.size());
        assertThat(result.events()).hasSize(real.size() + result.eventLabels().size());
        for (int i = 1; i < result.events().size(); i++) {
            BehaviorEvent before = result.events().get(i - 1);
            BehaviorEvent after = result.events().get(i);
            assertThat(before.timeMillis()).isLessThanOrEqualTo(after.timeMillis());
            if (before.timeMillis() == after.timeMillis() && position.containsKey(before) && position.containsKey(after)) {
                assertThat(position.get(before)).isLessThan(position.get(after));
            }
        }
    }

    @Test
    void takeoverAndMisclickAlterRealUsersWhoKeepTheirHistory() {
        for (UserLabel label : result.userLabels()) {
            if (label.anomalous() && !label.type().createsAccounts()) {
                assertThat(realByUser).containsKey(label.userId());
                List<BehaviorEvent> out = byUser(result.events()).get(label.userId());
                assertThat(out).containsAll(realByUser.get(label.userId()));
                assertThat(out).hasSize(realByUser.get(label.userId()).size() + injectedByUser.get(label.userId()).size());
            }
        }
    }

    @Test
    void newAccountsGetUnusedNumericIdsWithinTheRealIdRange() {
        long maxRealId = realByUser.keySet().stream().mapToLong(Long::parseLong).max().orElseThrow();
        List<String> newAccounts = result.userLabels().stream()
                .filter(l -> l.anomalous() && l.type().createsAccounts()).map(UserLabel::userId).toList();
        assertThat(newAccounts).hasSize(23).doesNotHaveDuplicates();
        assertThat(newAccounts).allSatisfy(id -> {
            assertThat(realByUser).doesNotContainKey(id);
            assertThat(id).matches("[1-9][0-9]*");
            assertThat(Long.parseLong(id)).isBetween(1L, maxRealId);
        });
    }

    @Test
    void injectedEventsUseRealItemsWithTheirCategoriesInsideTheDataWindow() {
        Map<String, String> realCategory = new HashMap<>();
        real.forEach(e -> realCategory.putIfAbsent(e.itemId(), e.categoryId()));
        assertThat(result.eventLabels()).isNotEmpty().allSatisfy(label -> {
            BehaviorEvent event = label.event();
            assertThat(realCategory).containsEntry(event.itemId(), event.categoryId());
            assertThat(event.timeMillis()).isBetween(DATA_START, DATA_END - 1);
            assertThat(event.timeMillis() % 1000).isZero();
            assertThat(event.extras().isEmpty()).isTrue();
            assertThat(event.action()).isIn(Action.VIEW, Action.FAV, Action.CART, Action.BUY);
        });
    }

    @Test
    void eventLabelsAreExactlyTheInjectedEventsOfTheOutput() {
        Set<BehaviorEvent> realIdentity = Collections.newSetFromMap(new IdentityHashMap<>());
        realIdentity.addAll(real);
        List<BehaviorEvent> injectedInOutput = result.events().stream().filter(e -> !realIdentity.contains(e)).toList();
        assertThat(result.eventLabels()).extracting(EventLabel::event).containsExactlyElementsOf(injectedInOutput);
    }

    @Test
    void targetsArePromotedLowToMidPopularityRealItems() {
        Map<String, Long> popularity = real.stream().collect(Collectors.groupingBy(BehaviorEvent::itemId, Collectors.counting()));
        assertThat(result.targets()).extracting(TargetItem::type).containsOnly(AnomalyType.FARMING,
                AnomalyType.ADFRAUD, AnomalyType.PROMO).contains(AnomalyType.FARMING, AnomalyType.ADFRAUD,
                AnomalyType.PROMO);
        for (TargetItem target : result.targets()) {
            assertThat(popularity).containsKey(target.itemId());
            List<EventLabel> touching = result.eventLabels().stream()
                    .filter(l -> l.type() == target.type() && l.event().itemId().equals(target.itemId())).toList();
            assertThat(touching).as("events on target " + target).isNotEmpty();
        }
        result.targets().stream().filter(t -> t.type() != AnomalyType.PROMO)
                .forEach(t -> assertThat(popularity.get(t.itemId())).as(t.itemId()).isBetween(2L, 20L));
    }

    @Test
    void farmingAccountsCoordinateOnSharedTargetsAtAnEvenPace() {
        Set<String> targets = targetsOf(AnomalyType.FARMING);
        List<String> accounts = usersOf(result, AnomalyType.FARMING);
        Map<Set<String>, List<String>> groups = new HashMap<>();
        for (String account : accounts) {
            List<BehaviorEvent> events = injectedByUser.get(account);
            Set<String> touched = events.stream().map(BehaviorEvent::itemId).filter(targets::contains)
                    .collect(Collectors.toSet());
            groups.computeIfAbsent(touched, t -> new ArrayList<>()).add(account);
            assertThat(events).filteredOn(e -> e.action() == Action.BUY)
                    .isNotEmpty().allSatisfy(e -> assertThat(targets).contains(e.itemId()));
            long targetBuys = events.stream().filter(e -> e.action() == Action.BUY).count();
            long targetTouches = events.stream().filter(e -> targets.contains(e.itemId())).count();
            // Repeatedly: a target is visited on several days or rounds, not once.
            assertThat(targetTouches).isGreaterThanOrEqualTo(2 * touched.size());
            assertThat(targetBuys).isPositive();
            // Camouflage: popular real items outside the targets are viewed too.
            assertThat(events).anySatisfy(e -> assertThat(targets).doesNotContain(e.itemId()));
            // Inside a visit (gaps under 10 minutes) the pace is far more even than a person's.
            assertThat(cv(gapsBelow(events, 600_000))).isLessThan(0.6);
        }
        assertThat(groups.values()).allSatisfy(group -> assertThat(group).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void crawlersViewManyDistinctItemsAtMachineRegularGaps() {
        double realMedianCv = median(realByUser.values().stream()
                .map(events -> cv(gapsBelow(events, 600_000))).filter(v -> !Double.isNaN(v)).toList());
        assertThat(realMedianCv).isGreaterThan(0.9);
        for (String account : usersOf(result, AnomalyType.CRAWLER)) {
            List<BehaviorEvent> events = injectedByUser.get(account);
            long views = events.stream().filter(e -> e.action() == Action.VIEW).count();
            long distinctItems = events.stream().map(BehaviorEvent::itemId).distinct().count();
            long categories = events.stream().map(BehaviorEvent::categoryId).distinct().count();
            assertThat(views).isGreaterThanOrEqualTo(300);
            assertThat((double) distinctItems / views).isGreaterThan(0.95);
            assertThat(categories).isGreaterThanOrEqualTo(20);
            assertThat(events.stream().filter(e -> e.action() == Action.BUY)).isEmpty();
            assertThat(events.stream().filter(e -> e.action() != Action.VIEW).count()).isLessThan(views / 50 + 2);
            assertThat(cv(gapsBelow(events, 600_000))).isLessThan(0.3);
        }
    }

    @Test
    void adFraudAccountsAreLightAndBurstOnTheSameTargets() {
        Set<String> targets = targetsOf(AnomalyType.ADFRAUD);
        List<String> accounts = usersOf(result, AnomalyType.ADFRAUD);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Set<String> clicked = new HashSet<>();
        for (String account : accounts) {
            List<BehaviorEvent> events = injectedByUser.get(account);
            assertThat(events).hasSizeBetween(1, 5);
            assertThat(events).allSatisfy(e -> assertThat(e.action()).isEqualTo(Action.VIEW));
            List<BehaviorEvent> clicks = events.stream().filter(e -> targets.contains(e.itemId())).toList();
            assertThat(clicks).hasSizeGreaterThanOrEqualTo(events.size() - 1).isNotEmpty();
            clicks.forEach(e -> clicked.add(e.itemId()));
            first = Math.min(first, clicks.get(0).timeMillis());
            last = Math.max(last, clicks.get(clicks.size() - 1).timeMillis());
        }
        // Six accounts form one burst: all clicks inside the burst length plus the last clicks' follow-ups.
        assertThat(last - first).isLessThanOrEqualTo(20 * 60_000L + 3 * 20_000L);
        assertThat(clicked).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void takeoverShopsInCategoriesTheOwnerNeverTouchedAfterANormalHistory() {
        for (String user : usersOf(result, AnomalyType.TAKEOVER)) {
            List<BehaviorEvent> burst = injectedByUser.get(user);
            long start = burst.get(0).timeMillis();
            Set<String> seenBefore = realByUser.get(user).stream().filter(e -> e.timeMillis() < start)
                    .map(BehaviorEvent::categoryId).collect(Collectors.toSet());
            long historyBefore = realByUser.get(user).stream().filter(e -> e.timeMillis() < start).count();
            assertThat(historyBefore).isGreaterThanOrEqualTo(20);
            assertThat(burst).allSatisfy(e -> assertThat(seenBefore).doesNotContain(e.categoryId()));
            assertThat(burst).anySatisfy(e -> assertThat(e.action()).isEqualTo(Action.BUY));
            // The owner is quiet during the burst.
            long end = burst.get(burst.size() - 1).timeMillis();
            assertThat(realByUser.get(user)).noneMatch(e -> e.timeMillis() >= start && e.timeMillis() <= end);
        }
    }

    @Test
    void takeoverCategoriesAreUnseenForHundredsOfOwners() {
        InjectionResult many = new AnomalyInjector(InjectionConfig.defaults(12)
                .withSettings(Map.of("types", "takeover", "rate", "0.5"))).inject(real);
        List<String> owners = usersOf(many, AnomalyType.TAKEOVER);
        assertThat(owners).hasSize(326);
        Map<String, List<BehaviorEvent>> bursts = byUser(many.eventLabels().stream().map(EventLabel::event).toList());
        for (String owner : owners) {
            Set<String> own = realByUser.get(owner).stream().map(BehaviorEvent::categoryId).collect(Collectors.toSet());
            assertThat(bursts.get(owner)).allSatisfy(e -> assertThat(own).doesNotContain(e.categoryId()));
        }
    }

    @Test
    void promoAccountsStormCartsBeforeTheSaleHourAndBuyRightAfter() {
        Set<String> targets = targetsOf(AnomalyType.PROMO);
        Set<Long> saleMoments = new HashSet<>();
        for (String account : usersOf(result, AnomalyType.PROMO)) {
            List<BehaviorEvent> events = injectedByUser.get(account);
            List<BehaviorEvent> buys = events.stream().filter(e -> e.action() == Action.BUY).toList();
            long moment = Math.floorDiv(buys.get(0).timeMillis(), 3_600_000L) * 3_600_000L;
            saleMoments.add(moment);
            assertThat(buys).hasSizeGreaterThanOrEqualTo(3).allSatisfy(b -> {
                assertThat(targets).contains(b.itemId());
                assertThat(b.timeMillis() - moment).isBetween(0L, 300_000L);
            });
            List<BehaviorEvent> storm = events.stream().filter(e -> e.action() == Action.CART || e.action() == Action.FAV).toList();
            assertThat(storm).hasSizeGreaterThanOrEqualTo(8).allSatisfy(e -> {
                assertThat(targets).contains(e.itemId());
                assertThat(e.timeMillis()).isBetween(moment - 60 * 60_000L, moment - 1);
            });
        }
        assertThat(saleMoments).hasSize(1);
    }

    @Test
    void misclicksAreIsolatedShortVisitsToUnrelatedCategories() {
        for (String user : usersOf(result, AnomalyType.MISCLICK)) {
            List<BehaviorEvent> accidents = injectedByUser.get(user);
            assertThat(accidents).hasSizeBetween(1, 3);
            Set<String> ownCategories = realByUser.get(user).stream().map(BehaviorEvent::categoryId).collect(Collectors.toSet());
            List<BehaviorEvent> timeline = byUser(result.events()).get(user);
            for (BehaviorEvent accident : accidents) {
                assertThat(ownCategories).doesNotContain(accident.categoryId());
                assertThat(accident.action()).isIn(Action.VIEW, Action.CART);
                int at = indexOfIdentity(timeline, accident);
                BehaviorEvent previous = timeline.get(at - 1);
                BehaviorEvent next = timeline.get(at + 1);
                assertThat(accidents).doesNotContain(previous, next);
                assertThat(next.timeMillis() - accident.timeMillis()).isBetween(1000L, 3000L);
                assertThat(accident.timeMillis()).isGreaterThan(previous.timeMillis());
                assertThat(next.timeMillis() - previous.timeMillis()).isLessThanOrEqualTo(30 * 60_000L);
            }
        }
    }

    @Test
    void accountsOfOneTypeDifferFromEachOther() {
        Set<Integer> crawlerSizes = usersOf(result, AnomalyType.CRAWLER).stream()
                .map(u -> injectedByUser.get(u).size()).collect(Collectors.toSet());
        Set<Integer> farmingSizes = usersOf(result, AnomalyType.FARMING).stream()
                .map(u -> injectedByUser.get(u).size()).collect(Collectors.toSet());
        assertThat(crawlerSizes).hasSizeGreaterThan(3);
        assertThat(farmingSizes).hasSizeGreaterThan(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99})
    void invariantsHoldForOtherSeeds(long seed) {
        InjectionResult other = new AnomalyInjector(InjectionConfig.defaults(seed)).inject(real);
        assertThat(other.anomalousUserCount()).isEqualTo(33);
        assertThat(other.events()).hasSize(real.size() + other.eventLabels().size());
        Map<String, List<BehaviorEvent>> injected = byUser(other.eventLabels().stream().map(EventLabel::event).toList());
        assertThat(other.userLabels()).filteredOn(UserLabel::anomalous)
                .allSatisfy(l -> assertThat(injected).containsKey(l.userId()));
        assertThat(other.eventLabels()).allSatisfy(l ->
                assertThat(l.event().timeMillis()).isBetween(DATA_START, DATA_END - 1));
        Set<String> realIds = realByUser.keySet();
        assertThat(other.userLabels()).filteredOn(l -> l.anomalous() && l.type().createsAccounts())
                .allSatisfy(l -> assertThat(realIds).doesNotContain(l.userId()));
    }

    @Test
    void aTwoHourCutStillGetsWellFormedAnomaliesInsideItsWindow() {
        long from = LocalDate.of(2017, 11, 26).atTime(1, 0).atZone(ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
        long to = from + 130 * 60_000L;
        List<BehaviorEvent> cut = real.stream().filter(e -> e.timeMillis() >= from && e.timeMillis() < to).toList();
        InjectionResult shortRun = new AnomalyInjector(InjectionConfig.defaults(5)
                .withSettings(Map.of("types", "farming,crawler,adfraud,promo", "rate", "0.1"))).inject(cut);
        assertThat(shortRun.anomalousUserCount()).isEqualTo(Math.round(0.1 * byUser(cut).size()));
        long first = cut.stream().mapToLong(BehaviorEvent::timeMillis).min().orElseThrow();
        long last = cut.stream().mapToLong(BehaviorEvent::timeMillis).max().orElseThrow();
        assertThat(shortRun.eventLabels()).allSatisfy(l -> assertThat(l.event().timeMillis()).isBetween(first, last));
        // Activities are fitted into the window, not clamped onto its edges.
        long onEdges = shortRun.eventLabels().stream()
                .filter(l -> l.event().timeMillis() == first || l.event().timeMillis() == last).count();
        assertThat(onEdges).isLessThanOrEqualTo(3);
        Map<String, List<BehaviorEvent>> injected = byUser(shortRun.eventLabels().stream().map(EventLabel::event).toList());
        assertThat(usersOf(shortRun, AnomalyType.CRAWLER)).allSatisfy(u -> {
            assertThat(injected.get(u).size()).isGreaterThan(100);
            assertThat(cv(gapsBelow(injected.get(u), 600_000))).isLessThan(0.3);
        });
        assertThatThrownBy(() -> new AnomalyInjector(InjectionConfig.defaults(5)
                .withSettings(Map.of("types", "takeover", "rate", "0.1"))).inject(cut))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takeover needs");
    }

    @Test
    void zeroRateLeavesTheTrafficAlone() {
        InjectionResult none = new AnomalyInjector(InjectionConfig.defaults(1).withRate(0)).inject(real);
        assertThat(none.anomalousUserCount()).isZero();
        assertThat(none.eventLabels()).isEmpty();
        assertThat(none.targets()).isEmpty();
        assertThat(none.userLabels()).hasSize(652);
        List<BehaviorEvent> expected = new ArrayList<>(real);
        expected.sort(java.util.Comparator.comparingLong(BehaviorEvent::timeMillis));
        assertThat(none.events()).isEqualTo(expected);
    }

    @Test
    void onlyTheChosenTypesAreInjected() {
        InjectionResult crawlers = new AnomalyInjector(InjectionConfig.defaults(5)
                .withTypes(EnumSet.of(AnomalyType.CRAWLER))).inject(real);
        assertThat(crawlers.anomalousUsersByType()).containsOnlyKeys(AnomalyType.CRAWLER).containsEntry(AnomalyType.CRAWLER, 33);
        assertThat(crawlers.targets()).isEmpty();
    }

    static Map<String, List<BehaviorEvent>> byUser(List<BehaviorEvent> events) {
        Map<String, List<BehaviorEvent>> byUser = new LinkedHashMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e));
        byUser.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(BehaviorEvent::timeMillis)));
        return byUser;
    }

    static List<String> usersOf(InjectionResult r, AnomalyType type) {
        List<String> users = r.userLabels().stream().filter(l -> l.type() == type).map(UserLabel::userId).toList();
        assertThat(users).as(type.code() + " users").isNotEmpty();
        return users;
    }

    private static Set<String> targetsOf(AnomalyType type) {
        return result.targets().stream().filter(t -> t.type() == type).map(TargetItem::itemId).collect(Collectors.toSet());
    }

    private static Set<String> anomalousIds(InjectionResult r) {
        return r.userLabels().stream().filter(UserLabel::anomalous).map(UserLabel::userId).collect(Collectors.toSet());
    }

    static List<Long> gapsBelow(List<BehaviorEvent> events, long limit) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < events.size(); i++) {
            long gap = events.get(i).timeMillis() - events.get(i - 1).timeMillis();
            if (gap < limit) {
                gaps.add(gap);
            }
        }
        return gaps;
    }

    static double cv(List<Long> values) {
        if (values.size() < 2) {
            return Double.NaN;
        }
        double mean = values.stream().mapToLong(Long::longValue).average().orElseThrow();
        double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
        return Math.sqrt(var) / mean;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int indexOfIdentity(List<BehaviorEvent> events, BehaviorEvent wanted) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == wanted) {
                return i;
            }
        }
        throw new AssertionError("event not in timeline: " + wanted);
    }

    private static Map<AnomalyType, Integer> orderedMap(Object... pairs) {
        Map<AnomalyType, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((AnomalyType) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
