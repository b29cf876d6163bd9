package dev.seqguard.detect.api;

/** The detector families of the product contract; the leaderboard groups by them. */
public enum Family {
    STATISTICAL, CLASSIC_ML, SUPERVISED, DEEP, RULES, ENSEMBLE
}
