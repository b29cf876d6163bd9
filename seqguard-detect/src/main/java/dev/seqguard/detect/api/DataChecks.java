package dev.seqguard.detect.api;

/** Input checks every detector shares, with messages that say what is wrong. */
public final class DataChecks {
    private DataChecks() {
    }

    /** Rejects empty data, too few rows, and non-finite values (naming row and feature). */
    public static void requireFitData(DetectionData data, int minRows, String detector) {
        if (data.size() < minRows) {
            throw new IllegalArgumentException(detector + " needs at least " + minRows + " rows to fit, got " + data.size());
        }
        requireFinite(data, detector);
    }

    /** Rejects rows whose width differs from what the detector was fitted on. */
    public static void requireColumns(DetectionData data, int expected, String detector) {
        if (data.features().columns() != expected) {
            throw new IllegalArgumentException(detector + " was fitted on " + expected + " features but got "
                    + data.features().columns());
        }
        requireFinite(data, detector);
    }

    public static void requireSequences(DetectionData data, String detector) {
        if (!data.hasSequences()) {
            throw new IllegalArgumentException(detector + " scores event sequences; this data has feature rows only");
        }
    }

    /** For supervised detectors: at least {@code min} rows labelled 1 and {@code min} labelled 0. */
    public static void requireLabels(DetectionData data, int min, String detector) {
        int pos = 0;
        int neg = 0;
        if (data.labels() != null) {
            for (int l : data.labels()) {
                if (l == 1) {
                    pos++;
                } else if (l == 0) {
                    neg++;
                }
            }
        }
        if (pos < min || neg < min) {
            throw new IllegalArgumentException(detector + " is supervised and needs at least " + min
                    + " anomalous and " + min + " normal labelled rows; got " + pos + " and " + neg);
        }
    }

    private static void requireFinite(DetectionData data, String detector) {
        double[][] v = data.features().values();
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                if (!Double.isFinite(v[i][j])) {
                    throw new IllegalArgumentException(detector + ": feature '" + data.features().names().get(j)
                            + "' of row " + data.features().rowIds().get(i) + " is " + v[i][j] + " (must be finite)");
                }
            }
        }
    }
}
