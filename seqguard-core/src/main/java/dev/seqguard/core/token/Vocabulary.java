package dev.seqguard.core.token;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.GapBucket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Token ids for sequence models, in two aligned channels.
 *
 * <p><b>Event tokens</b> combine behaviour &times; category bucket &times; time-gap bucket ({@link GapBucket}). A
 * category bucket is the category itself when it is among the most frequent ones, otherwise one of a fixed number of
 * hash buckets, so every event has a token and the space is closed: {@code 4 + actions * buckets * gaps} ids.
 * <b>Item tokens</b> name the most frequent items; other items are {@code [UNK]}. A model embeds both and adds them.
 *
 * <p>Both channels start with the special tokens {@code [PAD]=0, [UNK]=1, [MASK]=2, [CLS]=3}. Vocabularies are
 * immutable, save to a small text format with {@link #write} and load with {@link #read}, round-tripping exactly.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int MASK = 2;
    public static final int CLS = 3;
    public static final List<String> SPECIAL_TOKENS = List.of("[PAD]", "[UNK]", "[MASK]", "[CLS]");
    private static final int SPECIALS = SPECIAL_TOKENS.size();
    private static final String HEADER = "seqguard-vocabulary 1";
    private static final int GAPS = GapBucket.count();
    private static final Comparator<Map.Entry<String, Integer>> MOST_FREQUENT_FIRST =
            Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private final VocabularyOptions options;
    private final List<String> categories;
    private final List<String> items;
    private final Map<String, Integer> categoryIndex;
    private final Map<String, Integer> itemIndex;

    private Vocabulary(VocabularyOptions options, List<String> categories, List<String> items) {
        this.options = Objects.requireNonNull(options, "options");
        this.categories = List.copyOf(categories);
        this.items = List.copyOf(items);
        if (categories.size() > options.topCategories()) {
            throw new IllegalArgumentException(categories.size() + " categories exceed topCategories=" + options.topCategories());
        }
        if (items.size() > options.topItems()) {
            throw new IllegalArgumentException(items.size() + " items exceed topItems=" + options.topItems());
        }
        this.categoryIndex = index(this.categories, "category");
        this.itemIndex = index(this.items, "item");
    }

    /** The vocabulary of these sequences: the most frequent categories and items (ties broken by id). */
    public static Vocabulary build(List<Sequence> sequences, VocabularyOptions options) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(options, "options");
        Map<String, Integer> categoryCounts = new HashMap<>();
        Map<String, Integer> itemCounts = new HashMap<>();
        for (Sequence s : sequences) {
            for (BehaviorEvent e : s.events()) {
                categoryCounts.merge(e.categoryId(), 1, Integer::sum);
                if (!e.itemId().isEmpty()) {
                    itemCounts.merge(e.itemId(), 1, Integer::sum);
                }
            }
        }
        List<String> categories = categoryCounts.entrySet().stream().sorted(MOST_FREQUENT_FIRST)
                .limit(options.topCategories()).map(Map.Entry::getKey).toList();
        List<String> items = itemCounts.entrySet().stream().filter(en -> en.getValue() >= options.minItemCount())
                .sorted(MOST_FREQUENT_FIRST).limit(options.topItems()).map(Map.Entry::getKey).toList();
        return new Vocabulary(options, categories, items);
    }

    public VocabularyOptions options() {
        return options;
    }

    /** Named categories, most frequent first. */
    public List<String> categories() {
        return categories;
    }

    /** Named items, most frequent first. */
    public List<String> items() {
        return items;
    }

    /** Number of category buckets: named categories plus hash buckets. */
    public int categoryBuckets() {
        return categories.size() + options.categoryHashBuckets();
    }

    /** Size of the event-token id space, special tokens included. */
    public int eventVocabularySize() {
        return SPECIALS + Action.count() * categoryBuckets() * GAPS;
    }

    /** Size of the item-token id space, special tokens included. */
    public int itemVocabularySize() {
        return SPECIALS + items.size();
    }

    /** The bucket of a category: its rank if named, else a stable hash bucket after the named ones. */
    public int categoryBucket(String categoryId) {
        Integer named = categoryIndex.get(categoryId);
        if (named != null) {
            return named;
        }
        int h = categoryId.hashCode() * 0x9E3779B9;
        return categories.size() + Math.floorMod(h ^ (h >>> 16), options.categoryHashBuckets());
    }

    /** The event token of a behaviour in a category after a gap. */
    public int eventToken(Action action, String categoryId, GapBucket gap) {
        return eventToken(action, categoryBucket(categoryId), gap);
    }

    private int eventToken(Action action, int bucket, GapBucket gap) {
        return SPECIALS + (action.ordinal() * categoryBuckets() + bucket) * GAPS + gap.ordinal();
    }

    /** The item token of an item, or {@link #UNK} for an item outside the vocabulary. */
    public int itemToken(String itemId) {
        Integer i = itemIndex.get(itemId);
        return i == null ? UNK : SPECIALS + i;
    }

    /**
     * A readable form of an event token: {@code buy|c:2520377|<10s} for a named category, {@code pv|h:7|first} for
     * hash bucket 7, or a special token such as {@code [MASK]}.
     */
    public String eventTokenString(int id) {
        if (id < 0 || id >= eventVocabularySize()) {
            throw new IllegalArgumentException("event token " + id + " outside [0, " + eventVocabularySize() + ")");
        }
        if (id < SPECIALS) {
            return SPECIAL_TOKENS.get(id);
        }
        int rest = id - SPECIALS;
        GapBucket gap = GapBucket.ofOrdinal(rest % GAPS);
        rest /= GAPS;
        int bucket = rest % categoryBuckets();
        Action action = Action.ofOrdinal(rest / categoryBuckets());
        String category = bucket < categories.size() ? "c:" + categories.get(bucket) : "h:" + (bucket - categories.size());
        return action.code() + "|" + category + "|" + gap.label();
    }

    /** The id of a token written by {@link #eventTokenString}. */
    public int eventTokenId(String token) {
        int special = SPECIAL_TOKENS.indexOf(token);
        if (special >= 0) {
            return special;
        }
        int first = token.indexOf('|');
        int last = token.lastIndexOf('|');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("malformed event token '" + token + "'");
        }
        Action action = Action.parse(token.substring(0, first))
                .orElseThrow(() -> new IllegalArgumentException("unknown behaviour in event token '" + token + "'"));
        String category = token.substring(first + 1, last);
        GapBucket gap = GapBucket.parseLabel(token.substring(last + 1));
        int bucket;
        if (category.startsWith("c:") && categoryIndex.containsKey(category.substring(2))) {
            bucket = categoryIndex.get(category.substring(2));
        } else if (category.startsWith("h:")) {
            int h = parseBucket(category.substring(2), token);
            bucket = categories.size() + h;
        } else {
            throw new IllegalArgumentException("unknown category in event token '" + token + "'");
        }
        return eventToken(action, bucket, gap);
    }

    private int parseBucket(String text, String token) {
        try {
            int h = Integer.parseInt(text);
            if (h >= 0 && h < options.categoryHashBuckets()) {
                return h;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the whole token
        }
        throw new IllegalArgumentException("bad hash bucket in event token '" + token + "'");
    }

    /** The item of an item token, or the special token's name. */
    public String itemTokenString(int id) {
        if (id < 0 || id >= itemVocabularySize()) {
            throw new IllegalArgumentException("item token " + id + " outside [0, " + itemVocabularySize() + ")");
        }
        return id < SPECIALS ? SPECIAL_TOKENS.get(id) : items.get(id - SPECIALS);
    }

    /** Saves the vocabulary as text lines; open the writer as UTF-8 (ids may be any text). */
    public void write(Writer out) throws IOException {
        out.write(HEADER + "\n");
        out.write("options " + options.topCategories() + " " + options.categoryHashBuckets() + " "
                + options.topItems() + " " + options.minItemCount() + "\n");
        writeList(out, "categories", categories);
        writeList(out, "items", items);
        out.flush();
    }

    /** Loads a vocabulary saved by {@link #write}. */
    public static Vocabulary read(Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String header = r.readLine();
        if (!HEADER.equals(header)) {
            throw new IllegalArgumentException("not a SeqGuard vocabulary: first line is '" + header + "'");
        }
        String[] o = requireLine(r, "options").split(" ");
        if (o.length != 5 || !o[0].equals("options")) {
            throw new IllegalArgumentException("malformed options line in vocabulary");
        }
        VocabularyOptions options = new VocabularyOptions(parseInt(o[1], "topCategories"),
                parseInt(o[2], "categoryHashBuckets"), parseInt(o[3], "topItems"), parseInt(o[4], "minItemCount"));
        List<String> categories = readList(r, "categories");
        List<String> items = readList(r, "items");
        return new Vocabulary(options, categories, items);
    }

    private static void writeList(Writer out, String name, List<String> values) throws IOException {
        out.write(name + " " + values.size() + "\n");
        for (String v : values) {
            out.write(escape(v));
            out.write('\n');
        }
    }

    private static List<String> readList(BufferedReader r, String name) throws IOException {
        String[] head = requireLine(r, name).split(" ");
        if (head.length != 2 || !head[0].equals(name)) {
            throw new IllegalArgumentException("expected '" + name + " <count>' in vocabulary, got '" + String.join(" ", head) + "'");
        }
        int count = parseInt(head[1], name + " count");
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(unescape(requireLine(r, name + " entry " + i)));
        }
        return out;
    }

    private static String requireLine(BufferedReader r, String what) throws IOException {
        String line = r.readLine();
        if (line == null) {
            throw new IllegalArgumentException("vocabulary ends before " + what);
        }
        return line;
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vocabulary " + what + " is not an integer: '" + text + "'", e);
        }
    }

    /** Ids may hold any character; backslash-escape the two that would break the line format. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                b.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Map<String, Integer> index(List<String> values, String what) {
        Map<String, Integer> index = new HashMap<>(values.size() * 2);
        for (int i = 0; i < values.size(); i++) {
            if (index.putIfAbsent(values.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate " + what + " '" + values.get(i) + "' in vocabulary");
            }
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && options.equals(v.options) && categories.equals(v.categories)
                && items.equals(v.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, categories, items);
    }

    @Override
    public String toString() {
        return "Vocabulary[" + categories.size() + " categories + " + options.categoryHashBuckets() + " buckets, "
                + items.size() + " items, " + eventVocabularySize() + " event tokens]";
    }
}
