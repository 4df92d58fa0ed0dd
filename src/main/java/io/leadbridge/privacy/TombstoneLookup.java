package io.leadbridge.privacy;

import io.leadbridge.tenant.CurrentTenant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ErasedPeople} from the workspace's tombstones, by the keyed hash of the e-mail (unique per workspace). */
@Component
class TombstoneLookup implements ErasedPeople {

    /** The most addresses looked up at once (as the largest import file's rows). */
    static final int MAX_LOOKUP = 100_000;

    private final EmailHashes hashes;
    private final JdbcClient jdbc;

    TombstoneLookup(EmailHashes hashes, JdbcClient jdbc) {
        this.hashes = hashes;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean wasErased(String email) {
        if (email == null || email.isBlank()) {
            return false;
        }
        return !erasedAmong(Set.of(email)).isEmpty();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean anyErased() {
        return Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from person_tombstone where tenant_id = ?)")
                .param(CurrentTenant.require())
                .query(Boolean.class)
                .single());
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> erasedAmong(Collection<String> emails) {
        if (emails.isEmpty() || emails.size() > MAX_LOOKUP) {
            if (emails.size() > MAX_LOOKUP) {
                throw new IllegalArgumentException("at most " + MAX_LOOKUP + " addresses at once");
            }
            return Set.of();
        }
        // No key yet: the workspace never erased anyone.
        var key = hashes.existingKey();
        if (key.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHash = new HashMap<>();
        for (String email : emails) {
            if (email != null && !email.isBlank()) {
                String normal = EmailHashes.normalise(email);
                byHash.put(HexFormat.of().formatHex(EmailHashes.hmac(key.get(), normal)), normal);
            }
        }
        if (byHash.isEmpty()) {
            return Set.of();
        }
        Set<String> erased = new LinkedHashSet<>();
        jdbc.sql("""
                        select encode(email_hash, 'hex') from person_tombstone
                        where tenant_id = ? and email_hash = any(select decode(h, 'hex') from unnest(?::text[]) h)
                        """)
                .params(CurrentTenant.require(), byHash.keySet().toArray(String[]::new))
                .query(String.class)
                .list()
                .forEach(hash -> erased.add(byHash.get(hash)));
        return erased;
    }
}
