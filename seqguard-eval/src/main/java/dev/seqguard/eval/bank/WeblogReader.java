package dev.seqguard.eval.bank;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Apache access log in the layout {@code ip - - dd/MM/yyyy:HH:mm:ss +0000 METHOD url} as behaviour events:
 * the client address is the user, the url path (without query) the item, its directory the category, every request
 * a page view. Lines that do not fit are skipped and counted.
 */
final class WeblogReader {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy:HH:mm:ss");

    private WeblogReader() {
    }

    record Result(List<BehaviorEvent> events, int skipped) {
    }

    static Result read(Path file) throws IOException {
        List<BehaviorEvent> events = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                BehaviorEvent e = parse(line);
                if (e == null) {
                    skipped++;
                } else {
                    events.add(e);
                }
            }
        }
        return new Result(events, skipped);
    }

    /** One line as an event, or null when it does not fit the layout. */
    static BehaviorEvent parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 7 || !f[1].equals("-") || !f[2].equals("-")) {
            return null;
        }
        long millis;
        try {
            int offset = Integer.parseInt(f[4]);
            int minutes = (offset / 100) * 60 + offset % 100;
            millis = LocalDateTime.parse(f[3], TIME).toInstant(ZoneOffset.ofTotalSeconds(minutes * 60)).toEpochMilli();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
        String url = f[6];
        int q = url.indexOf('?');
        String path = q >= 0 ? url.substring(0, q) : url;
        if (path.isEmpty()) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        String category = slash <= 0 ? "/" : path.substring(0, slash);
        return new BehaviorEvent(f[0], path, category, Action.VIEW, millis);
    }
}
