package dev.seqguard.deep;

import dev.seqguard.detect.DetectorContract;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import java.util.stream.Stream;

/** seqguard-detect's {@link DetectorContract} on the detectors this module plugs into the registry. */
class DeepDetectorContractTest extends DetectorContract {

    @Override
    protected Stream<Detector<?>> detectors() {
        return DetectorRegistry.all().stream().filter(d -> d.info().family() == Family.DEEP);
    }
}
