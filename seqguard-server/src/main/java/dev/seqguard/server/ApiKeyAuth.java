package dev.seqguard.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.sql.SQLException;

/** Who may call the {@code /v1} routes: a known, unrevoked API key ({@link ApiKeys}) within its rate limit. */
final class ApiKeyAuth {
    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final double perSecond;

    ApiKeyAuth(ApiKeys keys, double perSecond) {
        this.keys = keys;
        this.limiter = new RateLimiter(perSecond);
        this.perSecond = perSecond;
    }

    /** @return the error to answer (401, 429), or {@code null} when the request may proceed */
    Response check(HttpExchange ex) throws IOException, SQLException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Response.error(401, "missing API key: send Authorization: Bearer KEY (create one with `seqguard keys create NAME`)");
        }
        ApiKeys.Check check = keys.check(header.substring(7).trim());
        return switch (check.status()) {
            case UNKNOWN -> Response.error(401, "invalid API key");
            case REVOKED -> Response.error(401, "API key '" + check.name() + "' was revoked");
            case VALID -> limiter.tryAcquire(check.name()) ? null
                    : Response.error(429, "rate limit of " + perSecond + " requests/s for key '" + check.name()
                    + "' exceeded");
        };
    }
}
