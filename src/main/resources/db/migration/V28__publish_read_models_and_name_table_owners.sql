-- Each module owns its tables (issue 17): the owner alone reads and writes them. This migration writes the owner of
-- every table into the schema (COMMENT ON TABLE '<Owned by module>: …'), where the table-ownership test reads it, and
-- creates the views the owners publish for the other modules to read ('Published by <module>: …'). A later table
-- names its owner in the migration that creates it; a view another module may read is published the same way.
--
-- The views run with the privileges of whoever queries them (security_invoker), so row-level security of the
-- tables beneath them applies to the application role exactly as it does on the tables (ADR 0001). They are simple
-- projections: PostgreSQL inlines them into the query, and the tables' indexes serve them as before. They are read
-- models: the application role may read them, never write through them.

COMMENT ON TABLE tenant IS 'Owned by tenant: the workspaces.';
COMMENT ON TABLE business_calendar IS 'Owned by tenant: a workspace''s working days and hours.';
COMMENT ON TABLE holiday IS 'Owned by tenant: a workspace''s holidays.';
COMMENT ON TABLE account IS 'Owned by account: the people of a workspace, their roles and sign-in.';
COMMENT ON TABLE api_key IS 'Owned by account: the API keys of a workspace.';
COMMENT ON TABLE throttle IS 'Owned by account: counters of failed attempts (sign-in, sign-up).';
COMMENT ON TABLE trusted_browser IS 'Owned by account: browsers a person chose to trust.';
COMMENT ON TABLE lead IS 'Owned by lead: the leads of a workspace.';
COMMENT ON TABLE industry IS 'Owned by lead: the industries a workspace files its leads under.';
COMMENT ON TABLE idempotent_request IS 'Owned by lead: answers of the intake API kept for replays.';
COMMENT ON TABLE lead_import IS 'Owned by lead: CSV imports and their previews.';
COMMENT ON TABLE lead_import_part IS 'Owned by lead: the stored parts of an import''s file.';
COMMENT ON TABLE lead_stage_count IS 'Owned by lead: the number of leads per stage, kept by the database.';
COMMENT ON TABLE lead_stage_delta IS 'Owned by lead: changes of the stage counts not yet folded in.';
COMMENT ON TABLE agreement_version IS 'Owned by agreement: the versions of the agreements between the teams.';
COMMENT ON TABLE agreement_comment IS 'Owned by agreement: comments on proposed versions.';
COMMENT ON TABLE lead_evaluation IS 'Owned by criteria: each lead''s evaluation against the active criteria.';
COMMENT ON TABLE criteria_reevaluation IS 'Owned by criteria: runs re-evaluating a workspace''s leads.';
COMMENT ON TABLE handoff IS 'Owned by handoff: leads handed to sales and the decisions on them.';
COMMENT ON TABLE rejection_reason IS 'Owned by handoff: the reasons sales may give for a rejection.';
COMMENT ON TABLE dispute IS 'Owned by dispute: disputed rejections and the liaison''s decisions.';
COMMENT ON TABLE revenue_goal IS 'Owned by goal: the shared revenue goals.';
COMMENT ON TABLE lead_event IS 'Owned by timeline: what happened to a lead, in order.';
COMMENT ON TABLE lead_comment IS 'Owned by timeline: the comment threads on leads.';
COMMENT ON TABLE notification IS 'Owned by timeline: the notifications of each person.';

-- account: who a person is, for showing names and choosing among the people of a role. Never the password hash.
CREATE VIEW account_person WITH (security_invoker = true) AS
SELECT tenant_id, id, display_name, email, active, away,
       'ADMIN' = ANY (roles) AS admin,
       'MARKETER' = ANY (roles) AS marketer,
       'SALES_REP' = ANY (roles) AS sales_rep,
       'LIAISON' = ANY (roles) AS liaison
FROM account;
COMMENT ON VIEW account_person IS
    'Published by account: each person''s name, e-mail, whether active or away, and one flag per role.';

-- lead: a lead as other modules see it (everything but the intake's internals).
CREATE VIEW lead_record WITH (security_invoker = true) AS
SELECT tenant_id, id, first_name, last_name, email, phone, job_title, company_name, website, employees, industry,
       department, country, source, campaign, engagement_score, project_planned, budget_confirmed,
       purchase_timeline, external_id, stage, owner_id, deal_value, won_at, created_at, updated_at, version
FROM lead;
COMMENT ON VIEW lead_record IS
    'Published by lead: each lead''s fields, stage (the codes of io.leadbridge.lead.Stage), owner and deal.';

CREATE VIEW lead_industry WITH (security_invoker = true) AS
SELECT tenant_id, code, position
FROM industry;
COMMENT ON VIEW lead_industry IS 'Published by lead: the industries of a workspace, in their order.';

-- criteria: whether a lead meets the active criteria.
CREATE VIEW lead_qualification WITH (security_invoker = true) AS
SELECT tenant_id, lead_id, version_id, qualified, score, met, evaluated_at
FROM lead_evaluation;
COMMENT ON VIEW lead_qualification IS
    'Published by criteria: each lead''s evaluation — qualified or not, the score and the criteria met.';

-- agreement: the versions of an agreement, without their content's internals beyond what a reader needs.
CREATE VIEW agreement_version_record WITH (security_invoker = true) AS
SELECT tenant_id, id, kind, number, status, content, proposed_by, proposed_at, decided_by, decided_at,
       activated_at, superseded_at
FROM agreement_version;
COMMENT ON VIEW agreement_version_record IS
    'Published by agreement: each version''s kind, number, status (io.leadbridge.agreement.Status) and content.';

-- handoff: the handoffs and their decisions (status: the codes of io.leadbridge.handoff.HandoffView.Status).
CREATE VIEW handoff_record WITH (security_invoker = true) AS
SELECT tenant_id, id, lead_id, handed_by, assignee_id, assigned_by, round_robin, qualified, criteria_version_id,
       override_reason, handed_at, due_at, escalate_at, status, decided_by, decided_at, reason_code, comment,
       breached_at, escalated_at, handed_back_note
FROM handoff;
COMMENT ON VIEW handoff_record IS
    'Published by handoff: each handoff, its clock, its decision and the reason given.';

GRANT SELECT ON account_person, lead_record, lead_industry, lead_qualification, agreement_version_record,
    handoff_record TO leadbridge_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON account_person, lead_record, lead_industry, lead_qualification,
    agreement_version_record, handoff_record FROM leadbridge_app;
