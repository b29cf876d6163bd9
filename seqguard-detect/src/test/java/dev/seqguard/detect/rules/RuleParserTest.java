package dev.seqguard.detect.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.model.Action;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    @Test
    void readsWindowCountsFeaturesMeasuresWeightsAndComments() {
        List<Rule> rules = RuleParser.parse(String.join("\n",
                "# a comment line",
                "",
                "name=bulk-buy weight=2: count(action=buy, same=item) > 5 within 10m   # trailing comment",
                "name=view-storm: count(action=pv) > 60 within 1m; name=machine-gaps: gap_cv < 0.1 and count(action=*) >= 30",
                "name=odd: feature(buy_rate) >= 0.9 and count(action=cart|fav, same=category) != 2"));
        assertThat(rules).extracting(Rule::name).containsExactly("bulk-buy", "view-storm", "machine-gaps", "odd");
        assertThat(rules.get(0).weight()).isEqualTo(2.0);
        assertThat(rules.get(0).line()).isEqualTo(3);
        assertThat(rules.get(0).conditions()).containsExactly(
                new Condition.Count(Set.of(Action.BUY), Grouping.ITEM, Comparison.GT, 5, 600_000L));
        assertThat(rules.get(2).conditions()).containsExactly(
                new Condition.Measure(SequenceMeasure.GAP_CV, Comparison.LT, 0.1),
                new Condition.Count(Set.of(), Grouping.NONE, Comparison.GE, 30, 0));
        assertThat(rules.get(3).conditions()).containsExactly(
                new Condition.Feature("buy_rate", Comparison.GE, 0.9),
                new Condition.Count(Set.of(Action.CART, Action.FAV), Grouping.CATEGORY, Comparison.NE, 2, 0));
    }

    @Test
    void printsRulesAsTextThatParsesBackToThem() {
        List<Rule> rules = RuleParser.parse(RulesDetector.DEFAULT_RULES + "\nname=f weight=0.5: feature(x) <= -1.5");
        String text = String.join("\n", rules.stream().map(Rule::text).toList());
        List<Rule> again = RuleParser.parse(text);
        assertThat(again).extracting(Rule::conditions).isEqualTo(rules.stream().map(Rule::conditions).toList());
        assertThat(rules.get(0).text()).isEqualTo("name=bulk-buy weight=2: count(action=buy, same=item) >= 3 within 1h");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "name=a: count(action=buy) > 5 within 10 | 1 | 38 | unit",
            "name=a: count(action=buy > 5 | 1 | 26 | or ')' but found '>'",
            "name=a: count(action=beer) > 5 | 1 | 22 | unknown action 'beer'",
            "name=a: count(same=shop) > 5 | 1 | 20 | 'item' or 'category'",
            "name=a: gap_cvv < 0.1 | 1 | 9 | unknown condition 'gap_cvv'",
            "name=a: length >= 10m | 1 | 19 | plain number",
            "name=a count(action=pv) > 1 | 1 | 8 | expected ':'",
            "rule=a: length > 1 | 1 | 1 | expected 'name'",
            "name=a: length > 1 or length < 0 | 1 | 20 | expected ';'",
            "name=a: length ~ 1 | 1 | 16 | unexpected character '~'",
            "name=a: feature(x) > | 1 | 21 | the end of the line"})
    void reportsSyntaxErrorsWithLineAndColumn(String text, int line, int column, String problem) {
        assertThatThrownBy(() -> RuleParser.parse(text))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                })
                .hasMessageContaining("rules line " + line + ", column " + column)
                .hasMessageContaining(problem);
    }

    @Test
    void reportsTheLineOfAnErrorBelowGoodRulesAndDuplicateNames() {
        assertThatThrownBy(() -> RuleParser.parse("name=a: length > 1\n# ok\nname=b: count(action=pv) > x"))
                .hasMessageStartingWith("rules line 3, column 28");
        assertThatThrownBy(() -> RuleParser.parse("name=a: length > 1\nname=a: length > 2"))
                .hasMessageContaining("line 2, column 1").hasMessageContaining("duplicate rule name 'a'");
    }
}
