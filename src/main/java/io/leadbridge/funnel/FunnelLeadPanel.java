package io.leadbridge.funnel;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.LeadPageContributor;
import io.leadbridge.lead.LeadView;
import java.util.Map;
import org.springframework.stereotype.Component;

/** On a lead's page: the stage's owner, exit criteria and response time, and the moves open to the reader. */
@Component
class FunnelLeadPanel implements LeadPageContributor {

    private final FunnelManagement funnel;

    FunnelLeadPanel(FunnelManagement funnel) {
        this.funnel = funnel;
    }

    @Override
    public Map<String, Object> contribute(LeadView lead, SignedInAccount reader) {
        Funnel active = funnel.active().funnel();
        return Map.of(
                "stageRule", active.rule(lead.stage()),
                "moves", FunnelManagement.movesFor(active, lead, reader));
    }
}
