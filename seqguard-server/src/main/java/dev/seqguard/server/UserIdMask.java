package dev.seqguard.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data masking for {@code --mask-user-ids}: a user id becomes {@code u} + the first 96 bits of HMAC-SHA256(salt, id)
 * in hex. The salt is random per data directory (kept in its database), so the same user gets the same masked id
 * across restarts, but masked ids cannot be reversed or matched with another installation's.
 */
public final class UserIdMask {
    private final byte[] salt;

    public UserIdMask(byte[] salt) {
        if (salt.length < 16) {
            throw new IllegalArgumentException("mask salt must have at least 16 bytes, got " + salt.length);
        }
        this.salt = salt.clone();
    }

    public String mask(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] h = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            return "u" + HexFormat.of().formatHex(h, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
