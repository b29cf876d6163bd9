package dev.seqguard.deep;

import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * Points DJL at the PyTorch natives shipped in the jar, never at the network. Call {@link #engine()} instead of
 * {@code Engine.getInstance()}: it sets, unless the user already did (as a system property or environment variable),
 * {@code ai.djl.offline=true}, {@code PYTORCH_FLAVOR=cpu}, one PyTorch thread ({@code ai.djl.pytorch.num_threads}, or
 * {@code OMP_NUM_THREADS}) and {@code DJL_CACHE_DIR}, where the first use unpacks the
 * natives (~430 MB, once per machine; default {@code ~/.seqguard/djl}).
 */
public final class DjlRuntime {
    private static volatile Engine engine;

    private DjlRuntime() {
    }

    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (DjlRuntime.class) {
                if (engine == null) {
                    configure();
                    engine = Engine.getEngine("PyTorch");
                }
                e = engine;
            }
        }
        return e;
    }

    static void configure() {
        setDefault("ai.djl.offline", null, "true");
        setDefault("PYTORCH_FLAVOR", "PYTORCH_FLAVOR", "cpu");
        setDefault("DJL_CACHE_DIR", "DJL_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".seqguard", "djl").toString());
        // DJL's default is to look for a GPU and log when it finds none; scoring is CPU-only by design.
        setDefault("ai.djl.pytorch.num_interop_threads", null, "1");
        // One intra-op thread: the models are small, and on a busy machine PyTorch's OpenMP workers spin-wait for
        // each other, which made a 2-thread autoencoder fit 20-60x slower than a 1-thread one (measured, 2 cores;
        // a tiny transformer fit: 17 s with 2 threads, 1.7 s with 1).
        setDefault("ai.djl.pytorch.num_threads", "OMP_NUM_THREADS", "1");
    }

    private static void setDefault(String property, String environment, String value) {
        if (System.getProperty(property) != null) {
            return;
        }
        if (environment != null && System.getenv(environment) != null) {
            return;
        }
        System.setProperty(property, value);
    }
}
