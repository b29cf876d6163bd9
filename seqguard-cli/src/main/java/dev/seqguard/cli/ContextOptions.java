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
 * the model directory's own group statistics, or those built from {@code --context-events} (an override).
 */
final class ContextOptions {
    @Option(names = "--context-events", paramLabel = "FILE",
            description = "Events that group features (item popularity, co-visitation) are computed against, overriding"
                    + " the group statistics select saved in the model directory. Default: the model's own.")
    Path contextEvents;

    @Option(names = "--context-format", defaultValue = "taobao", paramLabel = "NAME",
            description = "Layout of --context-events. Default: ${DEFAULT-VALUE}.")
    String contextFormat;

    /** The override from {@code --context-events}, or {@code null}: the model's own group statistics. */
    FeatureContext context() throws IOException {
        if (contextEvents == null) {
            return null;
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
