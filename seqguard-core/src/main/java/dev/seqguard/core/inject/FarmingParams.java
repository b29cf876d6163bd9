package dev.seqguard.core.inject;

/**
 * Click farming ("brushing"): a crew of fresh accounts, run by one operator, that for a day or more keeps coming back
 * in coordinated rounds to view, favourite, cart and buy the same few target items, padding each visit with a few
 * views of popular items so that the accounts look like shoppers. Each group draws its own targets, span, rounds and
 * coordination; each account draws its own pace.
 *
 * @param accounts            accounts per coordinated group
 * @param targets             target items per group (real items of low-to-mid popularity)
 * @param campaignHours       span of one group's campaign
 * @param rounds              coordinated visiting rounds per group over the campaign
 * @param joinProbability     chance that an account takes part in a given round (every account joins at least two)
 * @param camouflage          views of popular real items per visit
 * @param gapSeconds          an account's mean gap between events inside a visit
 * @param gapCv               coefficient of variation of those gaps (real shoppers are far above 1)
 * @param coordinationMinutes how far apart the group's accounts start the same round
 * @param favProbability      chance of favouriting a target on a visit
 * @param cartProbability     chance of carting a target on a visit
 * @param buyProbability      chance of buying a target on a visit (every account buys at least once)
 */
public record FarmingParams(IntRange accounts, IntRange targets, DoubleRange campaignHours, IntRange rounds,
                            double joinProbability, IntRange camouflage, DoubleRange gapSeconds, DoubleRange gapCv,
                            DoubleRange coordinationMinutes, double favProbability, double cartProbability,
                            double buyProbability) {

    public FarmingParams {
        accounts.requireAtLeast("farming.accounts", 1);
        targets.requireAtLeast("farming.targets", 1);
        campaignHours.requirePositive("farming.campaignHours");
        rounds.requireAtLeast("farming.rounds", 2);
        ParamReader.requireProbability("farming.joinProbability", joinProbability);
        camouflage.requireAtLeast("farming.camouflage", 0);
        gapSeconds.requirePositive("farming.gapSeconds");
        gapCv.requireWithin("farming.gapCv", 0, 5);
        coordinationMinutes.requireWithin("farming.coordinationMinutes", 0, 24 * 60);
        ParamReader.requireProbability("farming.favProbability", favProbability);
        ParamReader.requireProbability("farming.cartProbability", cartProbability);
        ParamReader.requireProbability("farming.buyProbability", buyProbability);
    }

    public static FarmingParams defaults() {
        return new FarmingParams(new IntRange(4, 10), new IntRange(1, 3), new DoubleRange(24, 96), new IntRange(3, 7),
                0.8, new IntRange(2, 6), new DoubleRange(20, 60), new DoubleRange(0.1, 0.3),
                new DoubleRange(10, 45), 0.5, 0.7, 0.6);
    }

    static FarmingParams read(ParamReader in, FarmingParams base) {
        return new FarmingParams(in.intRange("accounts", base.accounts), in.intRange("targets", base.targets),
                in.doubleRange("campaignHours", base.campaignHours), in.intRange("rounds", base.rounds),
                in.probability("joinProbability", base.joinProbability), in.intRange("camouflage", base.camouflage),
                in.doubleRange("gapSeconds", base.gapSeconds), in.doubleRange("gapCv", base.gapCv),
                in.doubleRange("coordinationMinutes", base.coordinationMinutes),
                in.probability("favProbability", base.favProbability),
                in.probability("cartProbability", base.cartProbability),
                in.probability("buyProbability", base.buyProbability));
    }
}
