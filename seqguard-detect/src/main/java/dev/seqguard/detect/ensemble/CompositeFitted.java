package dev.seqguard.detect.ensemble;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.detect.api.DetectorLookup;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.api.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted detector made of fitted members (an ensemble, cross-fitted copies). The members are saved as their own
 * versioned envelopes under {@code members} and restored through the {@link DetectorLookup} the file is read with.
 *
 * @param <C> the composite's config record
 */
public abstract class CompositeFitted<C extends Record> implements FittedDetector {
    private final Provenance provenance;
    private final C config;
    private final List<FittedDetector> members;

    protected CompositeFitted(Provenance provenance, C config, List<FittedDetector> members) {
        this.provenance = provenance;
        this.config = config;
        this.members = List.copyOf(members);
    }

    /** Restores saved members through {@code lookup}, the one the composite's own file was read with. */
    static List<FittedDetector> restore(List<JsonNode> members, DetectorLookup lookup) {
        List<FittedDetector> restored = new ArrayList<>();
        for (JsonNode m : members) {
            try {
                restored.add(lookup.load(m));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return restored;
    }

    @Override
    @JsonProperty("provenance")
    public Provenance provenance() {
        return provenance;
    }

    @JsonProperty("config")
    public C config() {
        return config;
    }

    @JsonProperty("members")
    public List<JsonNode> memberJson() {
        return members.stream().map(ModelIO::toJson).toList();
    }

    @JsonIgnore
    public List<FittedDetector> members() {
        return members;
    }
}
