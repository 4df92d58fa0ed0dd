package io.leadbridge.dispute.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.lead.LeadPageContributor;
import io.leadbridge.lead.LeadView;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** On a lead's page: its dispute and the liaison's decision (permanent, for both teams), or the dispute form. */
@Component
class DisputeLeadPanel implements LeadPageContributor {

    private final DisputeManagement disputes;

    DisputeLeadPanel(DisputeManagement disputes) {
        this.disputes = disputes;
    }

    @Override
    public Map<String, Object> contribute(LeadView lead, SignedInAccount reader) {
        Map<String, Object> model = new HashMap<>();
        model.put("dispute", disputes.latestOf(lead.id()).orElse(null));
        boolean canDispute = disputes.mayDispute(lead, reader);
        model.put("canDispute", canDispute);
        if (canDispute) {
            DisputeForm form = new DisputeForm();
            form.setVersion(lead.version());
            model.put("disputeForm", form);
        }
        return model;
    }
}
