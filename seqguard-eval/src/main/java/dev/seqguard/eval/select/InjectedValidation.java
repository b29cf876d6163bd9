package dev.seqguard.eval.select;

import dev.seqguard.core.inject.AnomalyInjector;
import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.inject.InjectionConfig;
import dev.seqguard.core.inject.InjectionResult;
import dev.seqguard.core.inject.ParameterShift;
import dev.seqguard.core.inject.UserLabel;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.pipeline.PreparedData;
import dev.seqguard.detect.pipeline.Preparation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Label-free validation by self-injection: each variant is the user's own events plus anomalies of every kind the
 * injector knows, at {@code rate}, from its own seed. Kinds that need more history than the data has (takeover,
 * misclick on short logs) are left out of a variant rather than failing it.
 */
public final class InjectedValidation implements SyntheticValidation, Augmentation {
    private final List<BehaviorEvent> events;
    private final Preparation preparation;
    private final double rate;
    private final Set<AnomalyType> types;

    public InjectedValidation(List<BehaviorEvent> events, Preparation preparation, double rate) {
        this(events, preparation, rate, EnumSet.allOf(AnomalyType.class));
    }

    /** @param types the kinds to inject (e.g. to leave out a kind and see how selection copes with an unseen one) */
    public InjectedValidation(List<BehaviorEvent> events, Preparation preparation, double rate, Set<AnomalyType> types) {
        if (!(rate > 0 && rate < 0.5)) {
            throw new IllegalArgumentException("self-injection rate must be in (0, 0.5), got " + rate);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("self-injection needs at least one anomaly type");
        }
        this.events = List.copyOf(events);
        this.preparation = preparation;
        this.rate = rate;
        this.types = EnumSet.copyOf(types);
    }

    /**
     * Each variant draws its own share of anomalous users (log-uniform between half and twice {@code rate}) and shifts
     * every parameter range outside the injector's defaults ({@link ParameterShift#wide()}): the supervised
     * candidates train on {@link #rows(long) default-range injections}, so they are never validated on the parameter
     * ranges they were taught with.
     */
    @Override
    public List<Variant> variants(int repeats, long seed) {
        List<Variant> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long variantSeed = seed * 1_000_003L + 7919L * (r + 1);
            SplittableRandom random = new SplittableRandom(variantSeed ^ 0x5DEECE66DL);
            double variantRate = Math.min(0.45, rate * Math.exp(Math.log(0.5) + Math.log(4) * random.nextDouble()));
            InjectionConfig config = SHIFT.apply(InjectionConfig.defaults(variantSeed).withRate(variantRate).withTypes(types),
                    random);
            InjectionResult injected = inject(config);
            PreparedData prepared = preparation.prepare(injected.events());
            Map<String, UserLabel> byUser = injected.labelsByUser();
            List<String> users = prepared.userIds();
            int[] labels = new int[users.size()];
            String[] types = new String[users.size()];
            for (int i = 0; i < users.size(); i++) {
                UserLabel l = byUser.get(users.get(i));
                labels[i] = l == null ? 0 : l.label();
                types[i] = l == null ? UserLabel.NORMAL : l.typeCode();
            }
            out.add(new Variant(prepared.detectionData(labels), types));
        }
        return out;
    }

    /** How far validation parameters move away from the training injections' default ranges. */
    static final ParameterShift SHIFT = ParameterShift.wide();

    /** Independent injections whose anomalous users become labelled rows for supervised training. */
    static final int AUGMENTATION_INJECTIONS = 4;

    /** The injected anomalous users of {@value #AUGMENTATION_INJECTIONS} independent injections, labelled 1. */
    @Override
    public Rows rows(long seed) {
        List<double[]> features = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<dev.seqguard.core.model.Sequence> sequences = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        java.util.Set<String> real = new java.util.HashSet<>();
        events.forEach(e -> real.add(e.userId()));
        List<String> names = null;
        for (int r = 0; r < AUGMENTATION_INJECTIONS; r++) {
            InjectionResult injected = inject(InjectionConfig.defaults(seed * 7_919L + 104_729L * (r + 1)).withRate(rate).withTypes(types));
            PreparedData prepared = preparation.prepare(injected.events());
            names = prepared.features().names();
            Map<String, UserLabel> byUser = injected.labelsByUser();
            for (int i = 0; i < prepared.sequences().size(); i++) {
                String user = prepared.sequences().get(i).userId();
                UserLabel l = byUser.get(user);
                if (l != null && l.anomalous()) {
                    features.add(prepared.features().row(i));
                    ids.add("synthetic-" + r + ":" + prepared.sequences().get(i).id());
                    sequences.add(prepared.sequences().get(i));
                    sources.add(real.contains(user) ? user : null);
                    kinds.add(l.typeCode());
                }
            }
        }
        int[] labels = new int[features.size()];
        java.util.Arrays.fill(labels, 1);
        return new Rows(new dev.seqguard.detect.api.DetectionData(new dev.seqguard.core.features.FeatureMatrix(names, ids,
                features.toArray(double[][]::new)), sequences, labels), sources.toArray(String[]::new),
                kinds.toArray(String[]::new));
    }

    private InjectionResult inject(InjectionConfig config) {
        Set<AnomalyType> types = EnumSet.copyOf(config.types());
        while (true) {
            try {
                return new AnomalyInjector(config.withTypes(types)).inject(events);
            } catch (IllegalArgumentException tooLittleHistory) {
                // Short logs cannot host history-based kinds; validate on the kinds they can host.
                if (!types.remove(AnomalyType.TAKEOVER) && !types.remove(AnomalyType.MISCLICK)) {
                    throw tooLittleHistory;
                }
                if (types.isEmpty()) {
                    throw tooLittleHistory;
                }
            }
        }
    }
}
