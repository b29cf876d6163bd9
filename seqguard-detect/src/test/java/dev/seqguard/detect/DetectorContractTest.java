package dev.seqguard.detect;

import dev.seqguard.detect.api.Detector;
import java.util.stream.Stream;

/** {@link DetectorContract} on every detector registered in this module. */
class DetectorContractTest extends DetectorContract {

    @Override
    protected Stream<Detector<?>> detectors() {
        return DetectorRegistry.all().stream();
    }
}
