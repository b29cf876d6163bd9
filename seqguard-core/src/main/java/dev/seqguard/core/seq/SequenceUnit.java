package dev.seqguard.core.seq;

/** What one scored sequence covers. */
public enum SequenceUnit {
    /** A user's whole history; the sequence id is the user id. */
    USER,
    /** One session of a user, cut at inactivity gaps; the sequence id is {@code userId#n}, n counted from 0. */
    SESSION
}
