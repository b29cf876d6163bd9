package dev.seqguard.core.features;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bundled Taobao sample, parsed with a plain split (ingest is another package's job). */
public final class TaobaoSample {
    public static final Path PATH = Path.of("/work/shared/data/taobao/UserBehavior-sample.csv");

    private TaobaoSample() {
    }

    public static List<BehaviorEvent> load() {
        try {
            List<String> lines = Files.readAllLines(PATH);
            List<BehaviorEvent> events = new ArrayList<>(lines.size());
            for (String line : lines) {
                String[] f = line.split(",");
                Action action = Action.parse(f[3]).orElseThrow(() -> new IllegalStateException("bad behaviour: " + line));
                events.add(new BehaviorEvent(f[0], f[1], f[2], action, Long.parseLong(f[4]) * 1000L));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
