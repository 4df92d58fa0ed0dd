package io.leadbridge.mail;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mail module's part of a person's data: the mails and digest items about the lead (those linking to it), with
 * who received them. An erasure replaces their arguments (the lead's name among them); the recipient's address is a
 * member of the team, not the person, and stays so the outbox can still show who got a mail.
 */
@Component
class MailPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    MailPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> export(Subject subject) {
        var tenant = CurrentTenant.require();
        return List.of(
                new Section(
                        "mails",
                        jdbc.sql("""
                                        select id, recipient_id, address, kind, message_key, arguments, link, status,
                                               created_at, sent_at
                                        from mail_delivery where tenant_id = ? and split_part(link, '#', 1) = any(?) order by created_at, id
                                        """)
                                .params(tenant, subject.pagePaths())
                                .query(Rows::row)
                                .list()),
                new Section(
                        "mailDigestItems",
                        jdbc.sql("""
                                        select id, recipient_id, kind, message_key, arguments, link, digest_day, created_at
                                        from mail_digest_item where tenant_id = ? and split_part(link, '#', 1) = any(?) order by created_at, id
                                        """)
                                .params(tenant, subject.pagePaths())
                                .query(Rows::row)
                                .list()));
    }

    @Override
    public void erase(Subject subject) {
        for (String table : List.of("mail_delivery", "mail_digest_item")) {
            jdbc.sql("""
                            update %s set arguments = (select coalesce(jsonb_agg(to_jsonb(cast(? as text))), '[]'::jsonb)
                                                       from jsonb_array_elements(arguments))
                            where tenant_id = ? and split_part(link, '#', 1) = any(?)
                            """.formatted(table))
                    .params(ERASED, CurrentTenant.require(), subject.pagePaths())
                    .update();
        }
    }
}
