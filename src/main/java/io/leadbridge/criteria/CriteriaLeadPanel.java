package io.leadbridge.criteria;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.LeadPageContributor;
import io.leadbridge.lead.LeadView;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** On a lead's page: its evaluation against the version it was last evaluated with, criterion by criterion. */
@Component
class CriteriaLeadPanel implements LeadPageContributor {

    private final CriteriaManagement criteria;

    CriteriaLeadPanel(CriteriaManagement criteria) {
        this.criteria = criteria;
    }

    @Override
    public Map<String, Object> contribute(LeadView lead, SignedInAccount reader) {
        // A HashMap: a lead not evaluated (yet) shows the panel's "not evaluated", from a null evaluation.
        Map<String, Object> model = new HashMap<>();
        model.put("evaluation", criteria.evaluationOf(lead.id()).orElse(null));
        return model;
    }
}
