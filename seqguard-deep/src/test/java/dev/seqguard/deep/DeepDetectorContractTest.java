package dev.seqguard.deep;

import dev.seqguard.detect.DetectorContract;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import java.util.stream.Stream;

/** seqguard-detect's {@link DetectorContract} on the detectors this module plugs into the registry. */
class DeepDetectorContractTest extends DetectorContract {

    /**
     * A second same-seed fit in one JVM matched the first to 1e-9 in most full runs and drifted in some (early
     * stopping amplifies a last-bit difference in PyTorch's CPU kernels), with every random draw seeded and one
     * thread: by up to 2 % of the score range, 5.5 % in one full run of 2026-12-07 and, later that day, 47 % on one
     * planted row (a different stopping epoch), rank correlation 0.84 in another. What must hold is that the second
     * fit finds the planted outliers as well (ROC-AUC at least 0.9) and ranks rows much like the first (Spearman at
     * least 0.7); see docs/deep-detectors.md.
     */
    @Override
    protected double sameSeedRankTolerance() {
        return 0.30;
    }

    @Override
    protected Stream<Detector<?>> detectors() {
        return DetectorRegistry.all().stream().filter(d -> d.info().family() == Family.DEEP);
    }
}
