package dev.seqguard.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service's routes: which one a request path falls under, and the parameters a path and a query carry. */
final class Routes {
    /** Every route, as {@code METHOD path}; {@code /openapi.json} documents exactly these. */
    static final List<String> ALL = List.of("POST /v1/events", "GET /v1/users/{id}", "GET /v1/flags",
            "POST /v1/model", "POST /v1/watermark", "GET /health", "GET /metrics", "GET /openapi.json");
    private static final String USERS = "/v1/users/";

    private Routes() {
    }

    /** The route {@code path} falls under ({@code /v1/users/{id}} for a user's path), or {@code null} for none. */
    static String of(String path) {
        if (path.startsWith(USERS) && path.length() > USERS.length() && path.indexOf('/', USERS.length()) < 0) {
            return "/v1/users/{id}";
        }
        return switch (path) {
            case "/v1/events", "/v1/flags", "/v1/model", "/v1/watermark", "/health", "/metrics", "/openapi.json" -> path;
            default -> null;
        };
    }

    static boolean allows(String method, String route) {
        return ALL.contains(method + " " + route);
    }

    /** Routes that need an API key. */
    static boolean secured(String route) {
        return route.startsWith("/v1/");
    }

    /** The user id of a {@code /v1/users/{id}} path, URL-decoded. */
    static String userId(String path) {
        return URLDecoder.decode(path.substring(USERS.length()), StandardCharsets.UTF_8);
    }

    /** A query string's parameters, URL-decoded; a name without {@code =} has the value "". */
    static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }
}
