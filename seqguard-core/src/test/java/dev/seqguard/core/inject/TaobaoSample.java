package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real Taobao sample, parsed with a plain split (the product's ingest lives elsewhere). */
final class TaobaoSample {
    static final Path FILE = Path.of(System.getProperty("seqguard.taobao.sample",
            "/work/shared/data/taobao/UserBehavior-sample.csv"));
    private static List<BehaviorEvent> events;

    private TaobaoSample() {
    }

    static synchronized List<BehaviorEvent> events() {
        if (events == null) {
            try {
                List<BehaviorEvent> parsed = new ArrayList<>(70_000);
                for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                    String[] f = line.split(",");
                    parsed.add(new BehaviorEvent(f[0], f[1], f[2], Action.parse(f[3]).orElseThrow(),
                            Long.parseLong(f[4]) * 1000L));
                }
                events = List.copyOf(parsed);
            } catch (IOException e) {
                throw new UncheckedIOException("Taobao sample not readable at " + FILE
                        + " (set -Dseqguard.taobao.sample=...)", e);
            }
        }
        return events;
    }
}
