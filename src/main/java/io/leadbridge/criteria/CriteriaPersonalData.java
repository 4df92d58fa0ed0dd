package io.leadbridge.criteria;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The criteria module's part of a person's data: the lead's evaluations against the ideal-customer criteria, exported
 * as part of what is held about the person. An erasure leaves them: an evaluation holds the version, the score and the
 * codes of the criteria met — no name, address or free text — and the dashboards count qualified leads from it.
 */
@Component
class CriteriaPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    CriteriaPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> export(Subject subject) {
        return List.of(new Section(
                "evaluations",
                jdbc.sql("""
                                select lead_id, version_id, qualified, score, met, evaluated_at
                                from lead_evaluation where tenant_id = ? and lead_id = any(?) order by lead_id
                                """)
                        .params(CurrentTenant.require(), subject.ids())
                        .query(Rows::row)
                        .list()));
    }

    @Override
    public void erase(Subject subject) {
        // Nothing personal: see the class comment.
    }
}
