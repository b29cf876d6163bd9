package dev.seqguard.core.inject;

import java.util.List;
import java.util.SplittableRandom;

/** Plants one anomaly type. Implementations are stateless; all state lives in the context and the random source. */
interface AnomalyGenerator {

    /**
     * Produces exactly {@code users} anomalous users.
     *
     * @throws IllegalArgumentException when the real traffic cannot supply that many (for types that alter real users)
     */
    List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users);
}
