package dev.seqguard.core.inject;

import java.util.Objects;

/**
 * Ground truth for one user: anomalous with a type, or normal.
 *
 * @param userId the user
 * @param type   the anomaly planted in this user, or {@code null} for a normal user
 */
public record UserLabel(String userId, AnomalyType type) {
    /** The value written for normal users in the anomaly-type column. */
    public static final String NORMAL = "normal";

    public UserLabel {
        Objects.requireNonNull(userId, "userId");
    }

    public boolean anomalous() {
        return type != null;
    }

    /** 1 for anomalous, 0 for normal. */
    public int label() {
        return anomalous() ? 1 : 0;
    }

    /** The type's code, or {@value #NORMAL}. */
    public String typeCode() {
        return anomalous() ? type.code() : NORMAL;
    }
}
