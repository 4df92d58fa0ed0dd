package io.leadbridge.privacy;

import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 of a normalised e-mail address (trimmed, lower case) with the workspace's own random key, kept in
 * {@code privacy_key} (the same for every instance). Without the key, the hash of a guessed address cannot be
 * checked; with it, a later import of the same address can be recognised.
 */
@Component
class EmailHashes {

    private final JdbcClient jdbc;

    EmailHashes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The current workspace's keyed hash of the address (32 bytes), making the workspace's key if it has none. */
    byte[] hash(String email) {
        var tenant = CurrentTenant.require();
        jdbc.sql("insert into privacy_key (tenant_id) values (?) on conflict (tenant_id) do nothing")
                .param(tenant)
                .update();
        return existingHash(email).orElseThrow();
    }

    /** The same, if the workspace has a key already (a read-only transaction cannot make one). */
    Optional<byte[]> existingHash(String email) {
        return jdbc.sql("select secret from privacy_key where tenant_id = ?")
                .param(CurrentTenant.require())
                .query(byte[].class)
                .optional()
                .map(key -> hmac(key, email));
    }

    /** The current workspace's key, if it has one (for hashing many addresses with one look-up). */
    Optional<byte[]> existingKey() {
        return jdbc.sql("select secret from privacy_key where tenant_id = ?")
                .param(CurrentTenant.require())
                .query(byte[].class)
                .optional();
    }

    static byte[] hmac(byte[] key, String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(normalise(email).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
