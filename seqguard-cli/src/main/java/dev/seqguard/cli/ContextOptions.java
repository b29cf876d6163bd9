package dev.seqguard.cli;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The group-feature context of the streaming path, shared by {@code serve} and {@code replay} so both score alike:
 * built from {@code --context-events} (normally the events the model was selected on), else empty (item popularity
 * and co-visitation then read 0 for everyone).
 */
final class ContextOptions {
    @Option(names = "--context-events", paramLabel = "FILE",
            description = "Events the group features (item popularity, co-visitation) are computed against, normally"
                    + " the file the model was selected on. Default: none, and those features read 0.")
    Path contextEvents;

    @Option(names = "--context-format", defaultValue = "taobao", paramLabel = "NAME",
            description = "Layout of --context-events. Default: ${DEFAULT-VALUE}.")
    String contextFormat;

    FeatureContext context() throws IOException {
        if (contextEvents == null) {
            return FeatureContext.empty();
        }
        IngestOptions options;
        try {
            options = IngestOptions.defaults(contextFormat, null);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return FeatureContext.build(EventReader.readAll(contextEvents, options, new QuarantineCounter()).events());
    }

    ServingModel load(Path model, FeatureContext context) throws IOException {
        try {
            return ServingModel.load(model, context);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
