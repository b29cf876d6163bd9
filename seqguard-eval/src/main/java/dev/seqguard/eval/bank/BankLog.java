package dev.seqguard.eval.bank;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The real logs the bank builds scenarios from, under the shared data directory ({@code ../shared/data}): each read
 * with SeqGuard's own ingest (default options, as {@code select --events F --format NAME} reads it), the web log with
 * {@link WeblogReader}.
 */
public enum BankLog {
    /** Taobao UserBehavior, complete histories of 652 users over nine days; pv, fav, cart, buy. */
    TAOBAO("taobao", "taobao/UserBehavior-sample.csv", "taobao"),
    /** Taobao UserBehavior, every user active in a 2 h 10 min cut: 66k users, under two events each. */
    TAOBAO_2H("taobao-2h", "taobao/UserBehavior-timesorted-2h.csv", "taobao"),
    /** YOOCHOOSE clicks, six days; sessions stand for users, clicks only, no categories. */
    YOOCHOOSE("yoochoose", "yoochoose/yoochoose-clicks-100k_train_full.txt", "yoochoose"),
    /** DIGINETICA item views over months; partly anonymous (session as user), views only, no categories. */
    DIGINETICA("diginetica", "diginetica/sample_train-item-views.csv", "diginetica"),
    /** An Apache access log over four days, crawlers included; ip as user, url as item, directory as category. */
    WEBLOG("weblog", "weblog/apache.log", null);

    private final String code;
    private final String file;
    private final String format;

    BankLog(String code, String file, String format) {
        this.code = code;
        this.file = file;
        this.format = format;
    }

    public String code() {
        return code;
    }

    public Path path(Path dataDir) {
        return dataDir.resolve(file);
    }

    /** Every accepted event of this log. */
    public List<BehaviorEvent> read(Path dataDir) {
        Path p = path(dataDir);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("bank log " + code + ": no file " + p);
        }
        try {
            if (format == null) {
                return WeblogReader.read(p).events();
            }
            return EventReader.readAll(p, IngestOptions.defaults(EventFormat.byName(format)), new QuarantineCounter())
                    .events();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BankLog fromCode(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (BankLog l : values()) {
            if (l.code.equals(wanted)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown bank log '" + text + "'; known: "
                + Arrays.stream(values()).map(BankLog::code).collect(Collectors.joining(", ")));
    }
}
