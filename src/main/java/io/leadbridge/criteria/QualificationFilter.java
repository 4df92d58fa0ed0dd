package io.leadbridge.criteria;

import io.leadbridge.lead.LeadFilterContributor;
import io.leadbridge.lead.LeadQuery;
import java.util.List;
import org.springframework.stereotype.Component;

/** The lead list's "qualified or not" filter, over criteria's published view of the stored evaluations. */
@Component
class QualificationFilter implements LeadFilterContributor {

    @Override
    public String condition(LeadQuery query, List<Object> parameters) {
        if (query.qualified() == null) {
            return null;
        }
        parameters.add(query.qualified());
        return "exists (select 1 from lead_qualification q where q.tenant_id = l.tenant_id and q.lead_id = l.id"
                + " and q.qualified = ?)";
    }
}
