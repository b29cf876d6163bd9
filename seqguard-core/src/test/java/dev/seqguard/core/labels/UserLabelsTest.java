package dev.seqguard.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserLabelsTest {
    @TempDir
    Path dir;

    @Test
    void unlabelledUsersStayUnknownNotNormal() throws IOException {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, "user_id,label,anomaly_type\n1,1,farming\n2,0,\n3,maybe,x\n\n4,1,\n");
        UserLabels l = UserLabels.read(f);
        assertThat(l.align(List.of("1", "2", "5", "4"))).containsExactly(1, 0, -1, 1);
        assertThat(l.alignTypes(List.of("1", "2", "5", "4"))).containsExactly("farming", "normal", "", "anomaly");
        assertThat(l.problems()).singleElement().asString().contains("line 4").contains("'maybe'");
    }

    @Test
    void headerWithoutLabelColumnIsAClearError() throws IOException {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, "user,flag\n1,1\n");
        assertThatThrownBy(() -> UserLabels.read(f)).hasMessageContaining("user_id and label");
    }
}
