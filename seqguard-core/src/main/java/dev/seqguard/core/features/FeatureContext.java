package dev.seqguard.core.features;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Batch-wide statistics that group features need: how many distinct users touched and bought each item, how many
 * events each category has, and an inverted index item &rarr; users for co-visitation. Built once from all events;
 * immutable afterwards, so one context can be shared by many {@link FeatureAccumulator}s and threads.
 *
 * <p>Items touched by more than {@link #coVisitItemCap()} users keep their counts but get no user list: popular items
 * say nothing about coordination and would make co-visitation quadratic. Events with an empty item id (searches
 * without an item) are not items and are left out of item statistics.
 */
public final class FeatureContext {
    /** Default cap on the users listed per item for co-visitation. */
    public static final int DEFAULT_CO_VISIT_ITEM_CAP = 500;
    private static final FeatureContext EMPTY = new Builder(DEFAULT_CO_VISIT_ITEM_CAP).build();

    private final int coVisitItemCap;
    private final Map<String, Integer> itemIndex;
    private final Map<String, Integer> userIndex;
    private final Map<String, Integer> categoryEvents;
    private final int[] itemUsers;
    private final int[] itemBuyers;
    private final int[][] itemUserLists;
    private final int[] userItemCounts;
    private final LongLongMap touched;
    private final LongLongMap bought;
    /** Per listed item, the first-touch times of its listed users, sorted; null where the item has no user list. */
    private final long[][] itemTimes;
    private final long firstTime;
    private final long lastTime;
    private final long events;

    private FeatureContext(Builder b) {
        coVisitItemCap = b.cap;
        itemIndex = b.itemIndex;
        userIndex = b.userIndex;
        categoryEvents = new HashMap<>(b.categoryCounts.size() * 2);
        b.categoryCounts.forEach((k, v) -> categoryEvents.put(k, v[0]));
        int items = b.itemIndex.size();
        itemUsers = Arrays.copyOf(b.itemUsers, items);
        itemBuyers = Arrays.copyOf(b.itemBuyers, items);
        itemUserLists = new int[items][];
        for (int i = 0; i < items; i++) {
            itemUserLists[i] = b.lists[i] == null ? null : Arrays.copyOf(b.lists[i], itemUsers[i]);
        }
        userItemCounts = Arrays.copyOf(b.userItemCounts, b.userIndex.size());
        touched = b.touched;
        bought = b.bought;
        itemTimes = new long[items][];
        for (int i = 0; i < items; i++) {
            int[] users = itemUserLists[i];
            if (users != null) {
                long[] times = new long[users.length];
                for (int k = 0; k < users.length; k++) {
                    times[k] = touched.get(pair(users[k], i), 0);
                }
                Arrays.sort(times);
                itemTimes[i] = times;
            }
        }
        firstTime = b.firstTime;
        lastTime = b.lastTime;
        events = b.events;
    }

    /** A context from all events of the batch, with the default co-visitation cap. */
    public static FeatureContext build(Iterable<BehaviorEvent> events) {
        return build(events, DEFAULT_CO_VISIT_ITEM_CAP);
    }

    /**
     * A context from all events of the batch.
     *
     * @param coVisitItemCap items touched by more users than this are left out of co-visitation; positive
     */
    public static FeatureContext build(Iterable<BehaviorEvent> events, int coVisitItemCap) {
        Objects.requireNonNull(events, "events");
        Builder b = new Builder(coVisitItemCap);
        for (BehaviorEvent e : events) {
            b.add(e);
        }
        return b.build();
    }

    /** A context from the events of all sequences, with the default co-visitation cap. */
    public static FeatureContext ofSequences(List<Sequence> sequences) {
        return ofSequences(sequences, DEFAULT_CO_VISIT_ITEM_CAP);
    }

    public static FeatureContext ofSequences(List<Sequence> sequences, int coVisitItemCap) {
        Objects.requireNonNull(sequences, "sequences");
        Builder b = new Builder(coVisitItemCap);
        for (Sequence s : sequences) {
            for (BehaviorEvent e : s.events()) {
                b.add(e);
            }
        }
        return b.build();
    }

    /** A context that knows nothing: every item has popularity 0 and nobody co-visits. */
    public static FeatureContext empty() {
        return EMPTY;
    }

    public int coVisitItemCap() {
        return coVisitItemCap;
    }

    /** Number of events the context was built from. */
    public long events() {
        return events;
    }

    public int users() {
        return userIndex.size();
    }

    public int items() {
        return itemIndex.size();
    }

    /** Distinct users who touched the item in any way; 0 for an unknown item. */
    public int itemUsers(String itemId) {
        Integer i = itemIndex.get(itemId);
        return i == null ? 0 : itemUsers[i];
    }

    /** Distinct users who bought the item; 0 for an unknown item. */
    public int itemBuyers(String itemId) {
        Integer i = itemIndex.get(itemId);
        return i == null ? 0 : itemBuyers[i];
    }

    /** Number of events in the category; 0 for an unknown category. */
    public int categoryEvents(String categoryId) {
        return categoryEvents.getOrDefault(categoryId, 0);
    }

    int itemIndex(String itemId) {
        Integer i = itemIndex.get(itemId);
        return i == null ? -1 : i;
    }

    int userIndex(String userId) {
        Integer u = userIndex.get(userId);
        return u == null ? -1 : u;
    }

    int itemUsers(int item) {
        return itemUsers[item];
    }

    int itemBuyers(int item) {
        return itemBuyers[item];
    }

    /** Users who touched the item, or {@code null} when more than the cap did. */
    int[] itemUserList(int item) {
        return itemUserLists[item];
    }

    int userItemCount(int user) {
        return userItemCounts[user];
    }

    boolean bought(int user, int item) {
        return user >= 0 && bought.containsKey(pair(user, item));
    }

    /** Milliseconds from the context's first event to its last; 0 for an empty context or a single instant. */
    long spanMillis() {
        return events == 0 ? 0 : lastTime - firstTime;
    }

    /** What {@link #firstTouch} returns for a user who did not touch the item (or is not in the context). */
    static final long NOT_TOUCHED = Long.MIN_VALUE;

    /** When {@code user} first touched {@code item} in this context, or {@link #NOT_TOUCHED}. */
    long firstTouch(int user, int item) {
        return user < 0 ? NOT_TOUCHED : touched.get(pair(user, item), NOT_TOUCHED);
    }

    /**
     * How many other listed users first touched {@code item} within {@code window} ms of {@code time}: the listed
     * first touches in the window, less the user's own ({@code ownFirstTouch}, {@link #NOT_TOUCHED} for none) when it
     * falls there; -1 when the item has no user list (unknown, or touched by more users than the cap).
     */
    int othersWithin(int item, long ownFirstTouch, long time, long window) {
        long[] times = item < 0 ? null : itemTimes[item];
        if (times == null) {
            return -1;
        }
        int n = FeatureMath.countInRange(times, time - window, time + window);
        if (ownFirstTouch != NOT_TOUCHED && Math.abs(ownFirstTouch - time) <= window) {
            n--;
        }
        return n;
    }

    private static long pair(int user, int item) {
        return ((long) user << 32) | (item & 0xFFFFFFFFL);
    }

    /** Version of the {@link #writeTo} layout; 2 added first-touch times and the time span. */
    public static final int SNAPSHOT_VERSION = 2;
    private static final int SNAPSHOT_MAGIC = 0x53474358; // "SGCX"

    /**
     * Writes everything group features read, compactly: the co-visitation cap, the event count, the first and last
     * event time, user and item ids (in index order), each category's event count, and each user's touched and bought
     * items as delta-coded varint lists, each touched item with its first-touch time. Item user counts, buyer counts,
     * user lists, first-touch times per item and per-user item counts follow from those pairs, so {@link #readFrom}
     * rebuilds a context whose group features equal this one's exactly. Not compressed: wrap the stream.
     */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(SNAPSHOT_MAGIC);
        d.writeInt(SNAPSHOT_VERSION);
        d.writeInt(coVisitItemCap);
        d.writeLong(events);
        d.writeLong(firstTime);
        d.writeLong(lastTime);
        writeIds(d, userIndex);
        writeIds(d, itemIndex);
        d.writeInt(categoryEvents.size());
        for (String c : new java.util.TreeSet<>(categoryEvents.keySet())) {
            d.writeUTF(c);
            d.writeInt(categoryEvents.get(c));
        }
        writePairs(d, touched, userIndex.size(), true);
        writePairs(d, bought, userIndex.size(), false);
        d.flush();
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @throws IOException when the stream is not a context snapshot or has a newer version
     */
    public static FeatureContext readFrom(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != SNAPSHOT_MAGIC) {
            throw new IOException("not a SeqGuard group-statistics snapshot");
        }
        int version = d.readInt();
        if (version > SNAPSHOT_VERSION) {
            throw new IOException("group-statistics snapshot version " + version + " is newer than this SeqGuard reads ("
                    + SNAPSHOT_VERSION + ")");
        }
        if (version < SNAPSHOT_VERSION) {
            throw new IOException("group-statistics snapshot version " + version + " has no first-touch times, which"
                    + " this SeqGuard's features need: run select again to write the model with version "
                    + SNAPSHOT_VERSION);
        }
        Builder b = new Builder(d.readInt());
        b.events = d.readLong();
        b.firstTime = d.readLong();
        b.lastTime = d.readLong();
        String[] users = readIds(d);
        for (String u : users) {
            b.userIndex.put(u, b.userIndex.size());
        }
        String[] items = readIds(d);
        for (String i : items) {
            b.intern(i);
        }
        b.ensureCapacity(Math.max(0, users.length - 1), Math.max(0, items.length - 1));
        int categories = d.readInt();
        for (int c = 0; c < categories; c++) {
            String id = d.readUTF();
            b.categoryCounts.put(id, new int[] {d.readInt()});
        }
        for (int u = 0; u < users.length; u++) {
            int n = readVarint(d);
            int[] touchedItems = new int[n];
            for (int k = 0, item = 0; k < n; k++) {
                item += readVarint(d);
                touchedItems[k] = item;
            }
            for (int item : touchedItems) {
                b.touch(u, item, b.firstTime + readVarlong(d));
            }
        }
        for (int u = 0; u < users.length; u++) {
            int n = readVarint(d);
            for (int k = 0, item = 0; k < n; k++) {
                item += readVarint(d);
                b.buy(u, item);
            }
        }
        return b.build();
    }

    private static void writeIds(DataOutputStream d, Map<String, Integer> index) throws IOException {
        String[] ids = new String[index.size()];
        index.forEach((k, v) -> ids[v] = k);
        d.writeInt(ids.length);
        for (String id : ids) {
            d.writeUTF(id);
        }
    }

    private static String[] readIds(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0) {
            throw new IOException("corrupt group-statistics snapshot: " + n + " ids");
        }
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = d.readUTF();
        }
        return ids;
    }

    /**
     * Per user in index order: the number of items, then the sorted item indices as gaps, then (with times) each
     * item's value as milliseconds after the first event.
     */
    private void writePairs(DataOutputStream d, LongLongMap pairs, int users, boolean withTimes) throws IOException {
        long[] all = pairs.keys();
        Arrays.sort(all);
        int k = 0;
        for (int u = 0; u < users; u++) {
            int start = k;
            while (k < all.length && (int) (all[k] >>> 32) == u) {
                k++;
            }
            writeVarint(d, k - start);
            int previous = 0;
            for (int j = start; j < k; j++) {
                int item = (int) all[j];
                writeVarint(d, item - previous);
                previous = item;
            }
            if (withTimes) {
                for (int j = start; j < k; j++) {
                    writeVarlong(d, pairs.get(all[j], firstTime) - firstTime);
                }
            }
        }
    }

    private static void writeVarlong(DataOutputStream d, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            d.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        d.writeByte((int) v);
    }

    private static long readVarlong(DataInputStream d) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = d.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt group-statistics snapshot: bad varlong");
    }

    private static void writeVarint(DataOutputStream d, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            d.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        d.writeByte(v);
    }

    private static int readVarint(DataInputStream d) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = d.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt group-statistics snapshot: bad varint");
    }

    /** Accumulates the batch; arrays grow geometrically. */
    private static final class Builder {
        final int cap;
        final Map<String, Integer> itemIndex = new HashMap<>();
        final Map<String, Integer> userIndex = new HashMap<>();
        final Map<String, int[]> categoryCounts = new HashMap<>();
        int[] itemUsers = new int[64];
        int[] itemBuyers = new int[64];
        int[][] lists = new int[64][];
        int[] userItemCounts = new int[64];
        final LongLongMap touched = new LongLongMap(1024);
        final LongLongMap bought = new LongLongMap(64);
        long events;
        long firstTime = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        private String lastUser;
        private int lastUserIndex;

        Builder(int cap) {
            if (cap <= 0) {
                throw new IllegalArgumentException("coVisitItemCap must be positive, got " + cap);
            }
            this.cap = cap;
        }

        void add(BehaviorEvent e) {
            if (e == null) {
                throw new IllegalArgumentException("event " + events + " is null");
            }
            events++;
            firstTime = Math.min(firstTime, e.timeMillis());
            lastTime = Math.max(lastTime, e.timeMillis());
            int[] categoryCount = categoryCounts.get(e.categoryId());
            if (categoryCount == null) {
                categoryCounts.put(e.categoryId(), categoryCount = new int[1]);
            }
            categoryCount[0]++;
            if (e.itemId().isEmpty()) {
                return;
            }
            // events usually arrive grouped by user: skip the user lookup while the user stays the same
            if (!e.userId().equals(lastUser)) {
                lastUser = e.userId();
                lastUserIndex = userIndex.computeIfAbsent(lastUser, k -> userIndex.size());
            }
            int u = lastUserIndex;
            Integer known = itemIndex.get(e.itemId());
            int i = known != null ? known : intern(e.itemId());
            touch(u, i, e.timeMillis());
            if (e.action() == Action.BUY) {
                buy(u, i);
            }
        }

        void touch(int u, int i, long time) {
            ensureCapacity(u, i);
            long key = pair(u, i);
            if (touched.putMin(key, time)) {
                userItemCounts[u]++;
                int seen = itemUsers[i]++;
                if (seen < cap) {
                    int[] list = lists[i];
                    if (list == null) {
                        list = new int[4];
                    } else if (list.length == seen) {
                        list = Arrays.copyOf(list, Math.min(cap, seen * 2));
                    }
                    list[seen] = u;
                    lists[i] = list;
                } else {
                    lists[i] = null;
                }
            }
        }

        void buy(int u, int i) {
            ensureCapacity(u, i);
            if (bought.putMin(pair(u, i), 0)) {
                itemBuyers[i]++;
            }
        }

        private int intern(String itemId) {
            int i = itemIndex.size();
            itemIndex.put(itemId, i);
            return i;
        }

        private void ensureCapacity(int u, int i) {
            if (i >= itemUsers.length) {
                int n = Math.max(itemUsers.length * 2, i + 1);
                itemUsers = Arrays.copyOf(itemUsers, n);
                itemBuyers = Arrays.copyOf(itemBuyers, n);
                lists = Arrays.copyOf(lists, n);
            }
            if (u >= userItemCounts.length) {
                userItemCounts = Arrays.copyOf(userItemCounts, Math.max(userItemCounts.length * 2, u + 1));
            }
        }

        FeatureContext build() {
            return new FeatureContext(this);
        }
    }
}
