package dev.seqguard.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsOddsLayoutAndRejectsBadRowsWithLineAndReason() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "label,v1,v2\nnominal,1.5,2\nanomaly,3,4\nweird,1,1\nnominal,x,1\nnominal,1\n\nnominal,0,0\n");
        FeatureTable t = FeatureTableReader.read(f, "label");
        assertThat(t.features().names()).containsExactly("v1", "v2");
        assertThat(t.labels()).containsExactly(0, 1, 0);
        assertThat(t.features().rowIds()).containsExactly("0", "1", "5");
        assertThat(t.features().row(0)).containsExactly(1.5, 2.0);
        assertThat(t.rejected()).extracting(FeatureTable.RejectedRow::line).containsExactly(4L, 5L, 6L);
        assertThat(t.rejected().get(0).reason()).contains("unknown label 'weird'");
        assertThat(t.rejected().get(1).reason()).contains("column 'v1'");
        assertThat(t.rejected().get(2).reason()).contains("expected 3 fields, found 2");
    }

    @Test
    void missingLabelColumnNamesTheColumns() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "a,b\n1,2\n");
        assertThatThrownBy(() -> FeatureTableReader.read(f, "label")).isInstanceOf(IOException.class)
                .hasMessageContaining("no column 'label'").hasMessageContaining("a, b");
    }
}
