package dev.seqguard.server;

import com.sun.net.httpserver.HttpExchange;
import dev.seqguard.serving.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** One HTTP answer of the service: status, content type and body. */
record Response(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";

    static Response json(int status, Object value) throws IOException {
        return new Response(status, JSON, EventJson.MAPPER.writeValueAsBytes(value));
    }

    static Response error(int status, String message) throws IOException {
        return json(status, Map.of("error", message));
    }

    /** Sends this answer and closes the exchange; a 429 also tells the client when to retry. */
    void send(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (status == 429) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
