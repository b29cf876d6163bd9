package dev.seqguard.detect.api;

import java.util.Objects;
import java.util.Set;

/**
 * What the registry lists about a detector.
 *
 * @param name        the registry key used on the command line, e.g. {@code iforest}
 * @param description one line for {@code seqguard detectors}
 */
public record DetectorInfo(String name, String description, Family family, Set<Capability> capabilities) {
    public DetectorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(family, "family");
        capabilities = Set.copyOf(capabilities);
    }

    public boolean has(Capability c) {
        return capabilities.contains(c);
    }
}
