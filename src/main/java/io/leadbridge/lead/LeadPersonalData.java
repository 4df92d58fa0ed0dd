package io.leadbridge.lead;

import io.leadbridge.privacy.PersonFinder;
import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lead module's part of a person's data: the lead rows, the intake API's stored answers (idempotency records) and
 * import files or previews that name the person. An erasure anonymises the lead in place — name, e-mail, phone, job
 * title, website, company, department, external id go; stage, source, campaign, industry, country, employees, owner,
 * deal value and the dates stay, so every count and sum the dashboards and goals show stays the same (docs/adr/0015).
 * It runs last, after the other modules have erased what they hold about the leads.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class LeadPersonalData implements PersonalData, PersonFinder {

    /** The most leads one e-mail address finds (it is unique per workspace; a bound all the same). */
    static final int MAX_LEADS = 100;

    private final JdbcClient jdbc;

    LeadPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Long> leadIds(String email) {
        return ids("select id from lead where tenant_id = ? and lower(email) = lower(?) order by id limit ?", email);
    }

    @Override
    public Set<Long> lockLeadIds(String email) {
        return ids(
                "select id from lead where tenant_id = ? and lower(email) = lower(?) order by id limit ? for update",
                email);
    }

    private Set<Long> ids(String sql, String email) {
        if (email == null || email.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(jdbc.sql(sql)
                .params(CurrentTenant.require(), email.strip(), MAX_LEADS)
                .query(Long.class)
                .list());
    }

    @Override
    public List<Section> export(Subject subject) {
        Long[] ids = subject.ids();
        var tenant = CurrentTenant.require();
        List<Map<String, Object>> leads =
                jdbc.sql("""
                        select id, first_name, last_name, email, phone, job_title, company_name, website, employees,
                               industry, department, country, source, campaign, engagement_score, project_planned,
                               budget_confirmed, purchase_timeline, external_id, stage, owner_id, deal_value, won_at,
                               re_engaged_at, created_by, created_at, updated_at
                        from lead where tenant_id = ? and id = any(?) order by id
                        """).params(tenant, ids).query(Rows::row).list();
        List<Map<String, Object>> requests =
                jdbc.sql("""
                        select r.idempotency_key, r.response_status, r.location, r.created_at
                        from idempotent_request r
                        where r.tenant_id = ? and exists (
                            select 1 from lead l where l.tenant_id = r.tenant_id and l.id = any(?)
                            and (r.location like '%/leads/' || l.id or strpos(lower(r.response_body), lower(l.email)) > 0))
                        order by r.created_at
                        """).params(tenant, ids).query(Rows::row).list();
        return List.of(new Section("lead", leads), new Section("apiRequests", requests));
    }

    @Override
    public void erase(Subject subject) {
        Long[] ids = subject.ids();
        var tenant = CurrentTenant.require();
        List<String> emails = jdbc.sql("select lower(email) from lead where tenant_id = ? and id = any(?)")
                .params(tenant, ids)
                .query(String.class)
                .list();
        // The intake API's stored answers: the lead as JSON.
        jdbc.sql("""
                        delete from idempotent_request r
                        where r.tenant_id = ? and exists (
                            select 1 from lead l where l.tenant_id = r.tenant_id and l.id = any(?)
                            and (r.location like '%/leads/' || l.id or strpos(lower(r.response_body), lower(l.email)) > 0))
                        """).params(tenant, ids).update();
        for (String email : emails) {
            // An import file that holds the address goes (its import's counts stay); previews that quote it are cut.
            jdbc.sql("""
                            delete from lead_import_part p
                            where p.tenant_id = ? and p.import_id in (
                                select q.import_id from lead_import_part q
                                where q.tenant_id = ? and strpos(lower(encode(q.bytes, 'escape')), ?) > 0)
                            """).params(tenant, tenant, email).update();
            // So do the rows an import's check staged from such a file (issue 21).
            jdbc.sql("""
                            delete from lead_import_row r
                            where r.tenant_id = ? and r.import_id in (
                                select q.import_id from lead_import_row q where q.tenant_id = ? and lower(q.email) = ?)
                            """).params(tenant, tenant, email).update();
            jdbc.sql("""
                            update lead_import set problems = '[]'::jsonb, updates = '[]'::jsonb
                            where tenant_id = ? and (strpos(lower(problems::text), ?) > 0
                                                  or strpos(lower(updates::text), ?) > 0)
                            """).params(tenant, email, email).update();
        }
        jdbc.sql("""
                        update lead set first_name = null, last_name = null,
                                        email = 'erased-' || id || '@erased.invalid',
                                        phone = null, job_title = null, company_name = ?, website = null,
                                        department = null, external_id = null,
                                        consent_text = case when consent_text is null then null else ? end,
                                        origin_label = case when origin_label is null then null else ? end,
                                        version = version + 1
                        where tenant_id = ? and id = any(?)
                        """).params(ERASED, ERASED, ERASED, tenant, ids).update();
    }
}
