package dev.seqguard.server;

import dev.seqguard.serving.ServingFixtures;
import dev.seqguard.serving.ServingModel;
import java.nio.file.Path;
import java.time.Duration;

/** The service in a child process, for the crash test: {@code ChildServer MODEL_DIR CONTEXT_FROM_FIXTURES DATA_DIR}. */
public final class ChildServer {
    private ChildServer() {
    }

    public static void main(String[] args) throws Exception {
        ServingModel model = ServingModel.load(Path.of(args[0]), ServingFixtures.prepared().context());
        ScoringService s = ScoringService.start(ServiceConfig.builder(Path.of(args[1])).port(0)
                .checkpointInterval(Duration.ofMillis(300)).build(), model, dir -> ServingModel.load(dir, model.context()));
        System.out.println("port " + s.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
