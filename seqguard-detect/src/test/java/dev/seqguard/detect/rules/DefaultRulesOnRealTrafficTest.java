package dev.seqguard.detect.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.stat.RealData;
import dev.seqguard.detect.stat.SequenceFixtures;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The default rules aim at precision: on real shoppers (the Taobao sample, 652 users) they rarely fire. */
class DefaultRulesOnRealTrafficTest {

    @Test
    void defaultRulesFireOnAtMostOnePercentOfRealTaobaoUsers() throws Exception {
        Assumptions.assumeTrue(Files.exists(RealData.TAOBAO), "shared Taobao sample not present");
        List<Sequence> users = RealData.taobaoUsers();
        DetectionData data = SequenceFixtures.data(users);
        double[] s = DetectorRegistry.fit("rules", data, Map.of(), 1L).score(data);
        long fired = Arrays.stream(s).filter(v -> v >= 1).count(); // a fired rule adds at least its weight, >= 1
        assertThat(users).hasSize(652);
        assertThat(fired).isLessThanOrEqualTo(6);
        assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
    }
}
