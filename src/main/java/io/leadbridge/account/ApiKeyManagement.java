package io.leadbridge.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys of a workspace. A key reads {@code lb_<id>_<secret>}: the id finds it, the secret (256 random bits) proves
 * it. Only a SHA-256 hash of the secret is stored — a slow password hash buys nothing for a secret that long — and it
 * is compared in constant time.
 *
 * <p>The key is a {@link StoredKey} entity, revoked and marked as used by conditional statements; the admin's list
 * (with the names of who created and revoked each key) is a read model in SQL, and authentication, before any tenant is
 * known, goes through the database function {@code find_api_key}.
 */
@Service
public class ApiKeyManagement {

    public static final String PREFIX = "lb_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How often a key's use is written down ({@code last_used_at}): at most once a minute. */
    static final Duration NOTE_USE_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final StoredKeyRepository storedKeys;
    private final TransactionTemplate transaction;

    /**
     * The keys whose use this instance wrote down within the last minute: their uses until then need no statement at
     * all (before, every request of the API spent a transaction of four statements finding that out). Bounded; the
     * statement's own condition stays the once-a-minute rule across instances.
     */
    private final Cache<UUID, Boolean> notedRecently = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(NOTE_USE_EVERY)
            .build();

    ApiKeyManagement(JdbcClient jdbc, StoredKeyRepository storedKeys, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.storedKeys = storedKeys;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A key as the admin list shows it (never the secret). */
    public record ApiKey(
            UUID id,
            String name,
            String createdByName,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt,
            String revokedByName) {

        public boolean revoked() {
            return revokedAt != null;
        }

        public String shortId() {
            return PREFIX + id.toString().replace("-", "").substring(0, 8) + "…";
        }
    }

    /** A key just created: the only moment its full value is known. */
    public record CreatedKey(UUID id, String name, String value) {}

    /** Who called the API: the key and its workspace. */
    public record ApiClient(UUID keyId, UUID tenantId, String name) {}

    @Transactional
    public CreatedKey create(String name, long createdBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        StoredKey key = storedKeys.save(new StoredKey(name.strip(), hash(secretText), createdBy));
        return new CreatedKey(key.id(), key.name(), PREFIX + key.id().toString().replace("-", "") + "_" + secretText);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> keys() {
        return jdbc.sql("""
                        select k.id, k.name, c.display_name as created_by_name, k.created_at, k.last_used_at,
                               k.revoked_at, r.display_name as revoked_by_name
                        from api_key k
                        left join account c on c.tenant_id = k.tenant_id and c.id = k.created_by
                        left join account r on r.tenant_id = k.tenant_id and r.id = k.revoked_by
                        where k.tenant_id = ?
                        order by k.revoked_at is not null, k.created_at desc
                        """)
                .param(CurrentTenant.require())
                .query((rs, row) -> new ApiKey(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("created_by_name"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_used_at")),
                        instant(rs.getTimestamp("revoked_at")),
                        rs.getString("revoked_by_name")))
                .list();
    }

    /** One key of the current workspace; another workspace's or an unknown one is not found. */
    @Transactional(readOnly = true)
    public ApiKey key(UUID id) {
        return keys().stream().filter(key -> key.id().equals(id)).findFirst().orElseThrow(NotFoundException::new);
    }

    @Transactional
    public void revoke(UUID id, long revokedBy) {
        if (!storedKeys.existsById(id)) {
            throw new NotFoundException();
        }
        storedKeys.revokeIfActive(CurrentTenant.require(), id, revokedBy);
    }

    /**
     * The client behind a presented key, if the key exists, is not revoked and its secret matches. Runs before any
     * tenant is known, through the SECURITY DEFINER look-up {@code find_api_key}.
     */
    public Optional<ApiClient> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = presented.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator != 32) {
            return Optional.empty();
        }
        UUID id;
        try {
            String hex = rest.substring(0, 32);
            id = new UUID(
                    Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String secret = rest.substring(separator + 1);
        return jdbc.sql("select tenant_id, name, secret_hash, revoked from find_api_key(?)")
                .param(id)
                .query((rs, row) -> new FoundKey(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("secret_hash"),
                        rs.getBoolean("revoked")))
                .optional()
                .filter(stored -> MessageDigest.isEqual(
                        hash(secret).getBytes(StandardCharsets.US_ASCII),
                        stored.secretHash().getBytes(StandardCharsets.US_ASCII)))
                .filter(stored -> !stored.revoked())
                .map(stored -> new ApiClient(id, stored.tenantId(), stored.name()));
    }

    private record FoundKey(UUID tenantId, String name, String secretHash, boolean revoked) {}

    /**
     * Notes the key's use, at most once a minute, in the caller's workspace: in a transaction of its own when this
     * instance has not noted it within the last minute, otherwise not at all.
     */
    public void noteUse(UUID keyId) {
        if (notedRecently.getIfPresent(keyId) != null) {
            return;
        }
        UUID tenant = CurrentTenant.require();
        transaction.executeWithoutResult(status -> storedKeys.noteUse(tenant, keyId));
        notedRecently.put(keyId, Boolean.TRUE);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
