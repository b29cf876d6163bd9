package dev.seqguard.core.seq;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups events per user, orders each user's events by time and, for {@link SequenceUnit#SESSION}, cuts them into
 * sessions at inactivity gaps.
 *
 * <p>Output order is deterministic: users by {@link UserIdOrder} (numeric when all ids are numbers), then a user's
 * sessions in time order. Events with equal timestamps keep their input order (the sort is stable).
 */
public final class SequenceBuilder {
    private static final Comparator<BehaviorEvent> BY_TIME = Comparator.comparingLong(BehaviorEvent::timeMillis);
    private final SequenceOptions options;

    public SequenceBuilder(SequenceOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SequenceBuilder() {
        this(SequenceOptions.defaults());
    }

    public SequenceOptions options() {
        return options;
    }

    /** The sequences of all users in {@code events}; an empty input gives an empty list. */
    public List<Sequence> build(Iterable<BehaviorEvent> events) {
        Objects.requireNonNull(events, "events");
        Map<String, List<BehaviorEvent>> byUser = new HashMap<>();
        long index = 0;
        for (BehaviorEvent e : events) {
            if (e == null) {
                throw new IllegalArgumentException("event " + index + " is null");
            }
            byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
            index++;
        }
        List<String> users = new ArrayList<>(byUser.keySet());
        users.sort(UserIdOrder.forIds(users));
        List<Sequence> out = new ArrayList<>(options.unit() == SequenceUnit.USER ? users.size() : users.size() * 4);
        for (String user : users) {
            List<BehaviorEvent> list = byUser.get(user);
            if (!isTimeOrdered(list)) {
                list.sort(BY_TIME);
            }
            if (options.unit() == SequenceUnit.USER) {
                out.add(new Sequence(user, user, list));
            } else {
                cutSessions(user, list, out);
            }
        }
        return out;
    }

    /** Splits one user's time-ordered events into sessions, appending them to {@code out}. */
    private void cutSessions(String user, List<BehaviorEvent> list, List<Sequence> out) {
        int start = 0;
        int n = 0;
        for (int i = 1; i <= list.size(); i++) {
            if (i == list.size() || startsSession(list.get(i - 1), list.get(i))) {
                out.add(new Sequence(user + "#" + n, user, list.subList(start, i)));
                n++;
                start = i;
            }
        }
    }

    private boolean startsSession(BehaviorEvent previous, BehaviorEvent next) {
        if (next.timeMillis() - previous.timeMillis() > options.sessionGapMillis()) {
            return true;
        }
        return options.splitOnSessionId()
                && !Objects.equals(previous.extras().sessionId(), next.extras().sessionId());
    }

    private static boolean isTimeOrdered(List<BehaviorEvent> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).timeMillis() < list.get(i - 1).timeMillis()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sliding windows of at most {@code size} events, starting every {@code stride} events. A sequence no longer than
     * {@code size} gives one window; otherwise the last window is aligned to the end, so with {@code stride <= size}
     * every event is in at least one window.
     */
    public static List<SequenceWindow> windows(Sequence seq, int size, int stride) {
        Objects.requireNonNull(seq, "seq");
        if (size <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + size);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("window stride must be positive, got " + stride);
        }
        List<BehaviorEvent> events = seq.events();
        int n = events.size();
        List<SequenceWindow> out = new ArrayList<>();
        if (n <= size) {
            out.add(window(seq, 0, n));
            return out;
        }
        int start = 0;
        for (; start + size < n; start += stride) {
            out.add(window(seq, start, start + size));
        }
        // the loop stops at the first window that would run past the end: add one ending exactly at n
        out.add(window(seq, n - size, n));
        return out;
    }

    private static SequenceWindow window(Sequence seq, int from, int to) {
        return new SequenceWindow(seq.id(), from,
                new Sequence(seq.id() + "@" + from, seq.userId(), seq.events().subList(from, to)));
    }
}
