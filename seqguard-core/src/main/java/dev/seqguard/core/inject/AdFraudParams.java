package dev.seqguard.core.inject;

/**
 * Ad-click fraud: a burst of throw-away accounts (a click farm or botnet paid per click) that each click the same
 * one or two advertised items a few times within minutes and never come back. Each burst draws its size, targets and
 * length; each account draws its number of clicks.
 *
 * @param accounts          accounts per burst
 * @param targets           advertised items per burst (real items of low-to-mid popularity)
 * @param burstMinutes      length of one burst
 * @param eventsPerAccount  clicks per account on the targets
 * @param decoyProbability  chance that an account also views one popular real item
 */
public record AdFraudParams(IntRange accounts, IntRange targets, DoubleRange burstMinutes, IntRange eventsPerAccount,
                            double decoyProbability) {

    public AdFraudParams {
        accounts.requireAtLeast("adfraud.accounts", 1);
        targets.requireAtLeast("adfraud.targets", 1);
        burstMinutes.requirePositive("adfraud.burstMinutes");
        eventsPerAccount.requireAtLeast("adfraud.eventsPerAccount", 1);
        ParamReader.requireProbability("adfraud.decoyProbability", decoyProbability);
    }

    public static AdFraudParams defaults() {
        return new AdFraudParams(new IntRange(10, 25), new IntRange(1, 2), new DoubleRange(5, 20), new IntRange(1, 4),
                0.25);
    }

    static AdFraudParams read(ParamReader in, AdFraudParams base) {
        return new AdFraudParams(in.intRange("accounts", base.accounts), in.intRange("targets", base.targets),
                in.doubleRange("burstMinutes", base.burstMinutes),
                in.intRange("eventsPerAccount", base.eventsPerAccount),
                in.probability("decoyProbability", base.decoyProbability));
    }
}
