package dev.seqguard.cli;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "detectors", mixinStandardHelpOptions = true,
        description = {"Lists the registered detectors: family, needs and parameters.",
                "One line per detector with its family (statistical, ml, deep, rules, ensemble), what it needs or"
                        + " offers (labels, event scores, ...) and a description, then its parameters with their"
                        + " defaults. Opt-in detectors are left out of `select` unless named or asked for with --deep."})
final class DetectorsCommand implements Runnable {
    @Override
    public void run() {
        System.out.printf("%-16s %-12s %-28s %s%n", "DETECTOR", "FAMILY", "NEEDS/OFFERS", "DESCRIPTION");
        for (Detector<?> d : DetectorRegistry.all()) {
            DetectorInfo info = d.info();
            String caps = info.capabilities().stream().sorted().map(Capability::name)
                    .map(s -> s.toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(","));
            System.out.printf("%-16s %-12s %-28s %s%n", info.name(), info.family().name().toLowerCase(Locale.ROOT),
                    caps.isEmpty() ? "-" : caps, info.description());
            Map<String, String> params = dev.seqguard.detect.api.Configs.describe(d.config(Map.of(), 0));
            params.remove("seed");
            params.replaceAll((k, v) -> v.contains("\n") ? "<" + v.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count() + " lines>" : v);
            System.out.printf("%-16s %-12s %-28s params: %s%n", "", "", "", params);
        }
    }
}
