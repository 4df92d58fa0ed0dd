-- A re-evaluation writes only the evaluations whose outcome changes (issue 21): after a change of the company-size
-- ceiling a few percent of the leads fare differently, and the others keep their row as it was, with the version that
-- last changed it. How far the run got says which of those rows were checked against the run's version: every lead up
-- to through_lead_id (the leads are walked in the order of their ids), every lead once the run is DONE. The lead page
-- and the handoff read an unchanged row as evaluated against the active version once its run has passed it
-- (CriteriaManagement#evaluationOf), and a run that was interrupted resumes after it.
ALTER TABLE criteria_reevaluation ADD COLUMN through_lead_id bigint;
COMMENT ON COLUMN criteria_reevaluation.through_lead_id IS
    'The last lead (by id) the run has evaluated; every lead up to it fares under the run''s version as its row says.';
