package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDManager;
import dev.seqguard.deep.BlockWeights;
import dev.seqguard.deep.DjlRuntime;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The live networks of fitted detectors, rebuilt from their weights on first use and kept while the fitted detector
 * lives. Keyed by the identity of the weights array (arrays compare by identity), held weakly: when the fitted record
 * is collected, the entry goes and a {@link Cleaner} frees the network's native memory.
 */
final class NetworkCache {
    private static final Map<byte[], Live> CACHE = new WeakHashMap<>();
    private static final Cleaner CLEANER = Cleaner.create();

    private NetworkCache() {
    }

    /** A network ready to score, with the manager owning its parameters. */
    record Live(BehaviourNetwork net, EventParts parts, NDManager manager) {
    }

    static Live get(byte[] weights, EncoderSettings settings, Supplier<EventParts> parts) {
        synchronized (CACHE) {
            Live live = CACHE.get(weights);
            if (live == null) {
                EventParts p = parts.get();
                NDManager manager = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch");
                try {
                    BehaviourNetwork net = new BehaviourNetwork(BehaviourNetwork.Architecture.of(settings, p));
                    net.initialize(manager, false);
                    BlockWeights.load(net, manager, weights);
                    live = new Live(net, p, manager);
                } catch (RuntimeException e) {
                    manager.close();
                    throw e;
                }
                CACHE.put(weights, live);
                CLEANER.register(weights, manager::close);
            }
            return live;
        }
    }
}
