package io.leadbridge.criteria;

import io.leadbridge.lead.LeadEvaluator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates each lead against the active version when the lead module creates or changes it (the form, the API, a
 * batch, an import), <strong>in the lead module's transaction</strong> (ADR 0003): the lead and its evaluation commit
 * together or not at all. Not an event listener, so it never runs after the commit.
 */
@Component
class EvaluationOnWrite implements LeadEvaluator {

    private final CriteriaManagement criteria;

    EvaluationOnWrite(CriteriaManagement criteria) {
        this.criteria = criteria;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void evaluate(List<Long> leadIds) {
        criteria.evaluate(leadIds);
    }
}
