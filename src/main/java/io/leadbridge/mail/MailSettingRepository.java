package io.leadbridge.mail;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The people's choices of mail. Every query names the workspace itself (ADR 0009). */
interface MailSettingRepository extends Repository<MailSetting, Long> {

    MailSetting saveAndFlush(MailSetting setting);

    /** A person's settings, by the cached loader (ADR 0009: no JPQL on a path every notification takes). */
    Optional<MailSetting> findById(Long accountId);

    /**
     * Merges {@code choices} (a JSON object of kinds to deliveries) into a person's choices, leaving every other kind,
     * the time and the language as they are; makes the row when the person has none. A native upsert: the person may
     * have no row yet, and may click twice at once.
     */
    @Modifying
    @Query(value = """
                    insert into mail_setting (tenant_id, account_id, choices, version)
                    values (:tenant, :account, cast(:choices as jsonb), 0)
                    on conflict (tenant_id, account_id) do update
                    set choices = mail_setting.choices || excluded.choices, version = mail_setting.version + 1
                    """, nativeQuery = true)
    int mergeChoices(@Param("tenant") UUID tenant, @Param("account") long account, @Param("choices") String choices);
}
