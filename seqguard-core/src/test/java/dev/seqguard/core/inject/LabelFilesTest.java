package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelFilesTest {

    @Test
    void writesTheThreeFilesWithHeadersAndSecondTimestamps(@TempDir Path dir) throws IOException {
        BehaviorEvent farmed = new BehaviorEvent("77", "i9", "c1", Action.BUY, 1_511_544_070_000L);
        BehaviorEvent click = new BehaviorEvent("78", "i8", "c2", Action.CLICK, 1_511_544_071_999L);
        InjectionResult result = new InjectionResult(List.of(farmed, click),
                List.of(new UserLabel("5", null), new UserLabel("77", AnomalyType.FARMING),
                        new UserLabel("78", AnomalyType.ADFRAUD)),
                List.of(new EventLabel(farmed, AnomalyType.FARMING), new EventLabel(click, AnomalyType.ADFRAUD)),
                List.of(new TargetItem("i9", AnomalyType.FARMING)));

        LabelFiles.write(result, dir.resolve("out"));

        assertThat(Files.readString(dir.resolve("out/labels.csv"))).isEqualTo("""
                user_id,label,anomaly_type
                5,0,normal
                77,1,farming
                78,1,adfraud
                """);
        assertThat(Files.readString(dir.resolve("out/event_labels.csv"))).isEqualTo("""
                user_id,item_id,timestamp,behavior,anomaly_type
                77,i9,1511544070,buy,farming
                78,i8,1511544071,click,adfraud
                """);
        assertThat(Files.readString(dir.resolve("out/targets.csv"))).isEqualTo("""
                item_id,anomaly_type
                i9,farming
                """);
    }

    @Test
    void quotesFieldsThatNeedIt() {
        assertThat(LabelFiles.csv("plain")).isEqualTo("plain");
        assertThat(LabelFiles.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(LabelFiles.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void labelFilesOfTheTaobaoInjectionCoverEveryUserAndInjectedEvent(@TempDir Path dir) throws IOException {
        InjectionResult result = new AnomalyInjector(InjectionConfig.defaults(4)).inject(TaobaoSample.events());
        LabelFiles.write(result, dir);
        List<String> labels = Files.readAllLines(dir.resolve(LabelFiles.USER_LABELS));
        assertThat(labels).hasSize(result.userLabels().size() + 1);
        assertThat(labels.stream().skip(1).filter(line -> line.split(",")[1].equals("1"))).hasSize(33);
        List<String> events = Files.readAllLines(dir.resolve(LabelFiles.EVENT_LABELS));
        assertThat(events).hasSize(result.eventLabels().size() + 1);
        assertThat(events.stream().skip(1)).allSatisfy(line -> assertThat(line).matches("\\d+,\\d+,151\\d{7},(pv|cart|fav|buy),[a-z]+"));
    }
}
