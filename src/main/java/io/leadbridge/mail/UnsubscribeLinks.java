package io.leadbridge.mail;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.NotificationKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed one-click unsubscribe links of the mails: {@code <workspace>.<person>.<kind>.<signature>}, the signature an
 * HMAC-SHA256 over the first three with a key every instance shares — {@code leadbridge.mail.signing-key} when set,
 * else the workspace's own random key kept in the database ({@code mail_signing_key}). Nothing but the signature makes
 * a link valid: a changed workspace, person or kind, or another signature, is refused.
 */
@Component
public class UnsubscribeLinks {

    /** The kind of a digest's link: every kind the person has in the digest. */
    static final String DIGEST = "DIGEST";

    private static final Pattern TOKEN =
            Pattern.compile("([0-9a-f-]{36})\\.([0-9]{1,18})\\.([A-Z_]{1,20})\\.([A-Za-z0-9_-]{43})");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final byte[] configuredKey;

    UnsubscribeLinks(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            @Value("${leadbridge.mail.signing-key:}") String configuredKey) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.configuredKey = configuredKey == null || configuredKey.isBlank()
                ? null
                : configuredKey.getBytes(StandardCharsets.UTF_8);
    }

    /** What a valid link says: whose setting, of which kind (empty: the digest's kinds). */
    public record Unsubscribe(UUID tenantId, long accountId, Optional<NotificationKind> kind) {}

    /** The token for a person's kind in the current workspace ({@code kind} {@link #DIGEST} for a digest). */
    String token(long accountId, String kind) {
        String payload = CurrentTenant.require() + "." + accountId + "." + kind;
        return payload + "." + sign(key(true).orElseThrow(), payload);
    }

    /** The link's meaning, when the token is one this application signed; empty for anything else. */
    public Optional<Unsubscribe> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        var match = TOKEN.matcher(token);
        if (!match.matches()) {
            return Optional.empty();
        }
        UUID tenant;
        try {
            tenant = UUID.fromString(match.group(1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String kindName = match.group(3);
        Optional<NotificationKind> kind = NotificationKind.named(kindName);
        if (kind.isEmpty() && !kindName.equals(DIGEST)) {
            return Optional.empty();
        }
        String payload = match.group(1) + "." + match.group(2) + "." + kindName;
        Optional<byte[]> key = CurrentTenant.callAs(tenant, () -> key(false));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = sign(key.get(), payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, match.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Unsubscribe(tenant, Long.parseLong(match.group(2)), kind));
    }

    /** The current workspace's key: the configured one, or the workspace's from the database (made when first needed). */
    private Optional<byte[]> key(boolean create) {
        if (configuredKey != null) {
            return Optional.of(configuredKey);
        }
        return transaction.execute(status -> {
            UUID tenant = CurrentTenant.require();
            if (create) {
                jdbc.sql("insert into mail_signing_key (tenant_id) values (?) on conflict (tenant_id) do nothing")
                        .param(tenant)
                        .update();
            }
            return jdbc.sql("select secret from mail_signing_key where tenant_id = ?")
                    .param(tenant)
                    .query(byte[].class)
                    .optional();
        });
    }

    private static String sign(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
