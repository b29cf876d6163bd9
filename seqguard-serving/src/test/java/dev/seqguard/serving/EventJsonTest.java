package dev.seqguard.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    // every kind of value each field can meet, valid and not; NDJSON reads each line with the tree model
    private static final List<String> OBJECTS = List.of(
            "{\"user_id\":\"u1\",\"item_id\":\"i\",\"category_id\":\"c\",\"behavior\":\"pv\",\"timestamp\":1511600000}",
            "{\"user_id\":42,\"item_id\":12345678901234,\"behavior\":\"buy\",\"timestamp\":1511600000.25,\"price\":9.5}",
            "{\"user_id\":123456789012345678901234567890,\"item_id\":\"i\",\"behavior\":\"cart\",\"timestamp\":\"2017-11-25T10:00:00Z\"}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"fav\",\"timestamp\":\"1511600000.5\",\"session_id\":7,\"query\":\"shoes\"}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"fav\",\"timestamp\":1511600000,\"query\":{\"a\":[1,2]},\"extra\":[{\"x\":1}]}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"teleport\",\"timestamp\":1511600000}",
            "{\"user_id\":1.5,\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000}",
            "{\"user_id\":{\"id\":1},\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000}",
            "{\"user_id\":\"u\",\"item_id\":true,\"behavior\":\"pv\",\"timestamp\":1511600000}",
            "{\"user_id\":\"u\",\"item_id\":null,\"behavior\":\"pv\",\"timestamp\":1511600000}",
            "{\"user_id\":\"\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":null,\"timestamp\":1511600000}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":5}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1.5e9}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":\"yesterday\"}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":[1]}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1e400}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000,\"price\":-1.50}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000,\"price\":\"3\"}",
            "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000,\"price\":null}",
            "{\"user_id\":\"first\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":1511600000,\"user_id\":\"second\"}",
            "{}");

    @Test
    void arrayReadsEveryObjectAsTheTreeModelDoes() throws Exception {
        List<EventJson.Parsed> array = EventJson.parse(bytes("[" + String.join(",", OBJECTS) + "]"));
        List<EventJson.Parsed> ndjson = EventJson.parse(bytes(String.join("\n", OBJECTS)));

        assertThat(array).hasSize(OBJECTS.size()).isEqualTo(ndjson);
        assertThat(array.stream().filter(p -> p.error() == null)).hasSize(8);
    }

    @Test
    void readsFieldsAndNamesTheBadOnes() throws Exception {
        List<EventJson.Parsed> p = EventJson.parse(bytes("[" + OBJECTS.get(0) + ", 7, [1, 2], null, " + OBJECTS.get(7) + ","
                + OBJECTS.get(20) + "] trailing"));

        assertThat(p.get(0).event()).isEqualTo(new BehaviorEvent("u1", "i", "c", Action.VIEW, 1_511_600_000_000L,
                dev.seqguard.core.model.EventExtras.NONE));
        assertThat(p.subList(1, 4)).extracting(EventJson.Parsed::error).containsOnly("an event must be a JSON object");
        assertThat(p.get(4).error()).isEqualTo("user_id must be a string or an integer, got {\"id\":1}");
        assertThat(p.get(5).event().userId()).isEqualTo("second");
    }

    @Test
    void refusesBodiesThatAreNotJson() {
        assertThatThrownBy(() -> EventJson.parse(bytes("[{\"user_id\": 1,"))).isInstanceOf(EventJson.NotJsonException.class)
                .hasMessageStartingWith("body is not valid JSON: line 1, column 16: Unexpected end-of-input");
        assertThatThrownBy(() -> EventJson.parse(bytes("[{\"a\":1}"))).isInstanceOf(EventJson.NotJsonException.class);
        assertThatThrownBy(() -> EventJson.parse(bytes("[1, x]"))).isInstanceOf(EventJson.NotJsonException.class);
        assertThatThrownBy(() -> EventJson.parse(bytes("  "))).hasMessageStartingWith("empty body");
    }

    @Test
    void aBodyWithNoLineOfJsonIsRefusedWithTheFirstErrorAndItsPosition() {
        assertThatThrownBy(() -> EventJson.parse(bytes("{{{ not json"))).isInstanceOf(EventJson.NotJsonException.class)
                .hasMessage("body is neither JSON nor NDJSON (no line parses); first error: line 1, column 2: Unexpected"
                        + " character ('{' (code 123)): was expecting double-quote to start field name");
        assertThatThrownBy(() -> EventJson.parse(bytes("\n{oops\n\n{\"a\":}\n"))).isInstanceOf(EventJson.NotJsonException.class)
                .hasMessageContaining("first error: line 2, column ");
        assertThatThrownBy(() -> EventJson.parse(bytes("[{\"a\": 1}, {\"b\" 2}]"))).hasMessageStartingWith(
                "body is not valid JSON: line 1, column 17: Unexpected character");
    }

    @Test
    void ndjsonWithSomeBadLinesKeepsAnErrorPerLine() throws Exception {
        byte[] invalidUtf8 = {'{', '"', 'u', 's', 'e', 'r', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] body = concat(bytes(OBJECTS.get(0) + "\n{{{ not json\n"), invalidUtf8, bytes("\n" + OBJECTS.get(0)));

        List<EventJson.Parsed> p = EventJson.parse(body);

        assertThat(p).hasSize(4);
        assertThat(p.get(0).error()).isNull();
        assertThat(p.get(1).error()).startsWith("line 2 is not a JSON object: line 2, column 2: Unexpected character");
        assertThat(p.get(2).error()).startsWith("line 3 is not a JSON object: line 3, column ").contains("UTF-8");
        assertThat(p.get(3).error()).isNull();
    }

    @Test
    void timestampsWithHugeExponentsOrDigitsAreOutOfRangeAtOnce() throws Exception {
        String huge = "9".repeat(100_000);
        List<EventJson.Parsed> p = EventJson.parse(bytes("[" + String.join(",",
                event("\"1e999999999\""), event("\"1e-999999999\""), event("\"" + huge + "\""), event("1e999999999"),
                event("-1e308")) + "]"));

        assertThat(p).extracting(EventJson.Parsed::error).allSatisfy(e -> assertThat(e).startsWith("timestamp"))
                .allSatisfy(e -> assertThat(e.length()).isLessThan(200));
    }

    private static String event(String timestamp) {
        return "{\"user_id\":\"u\",\"item_id\":\"i\",\"behavior\":\"pv\",\"timestamp\":" + timestamp + "}";
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
