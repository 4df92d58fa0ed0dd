-- Fills the workspaces listed in bench.workspace (opened beforehand through the application's own sign-up, so each
-- has exactly what sign-up creates: industries, the default criteria and funnel versions, rejection reasons, business
-- hours, and its admin) with people, leads and their history. Set-based: one INSERT ... SELECT per table over all
-- workspaces, all in one transaction (a failed run leaves nothing half-written).
--
-- Every "random" choice is a hash of the lead's id (or the row's key) and a salt (bench.u), so one row's facts agree
-- across tables (a lead's handoff time equals its timeline entry and its updated_at) and the same plan gives the
-- same data. Run as the owner (postgres): a superuser bypasses row-level security, which is fine for loading.
\set ON_ERROR_STOP on
-- The capture phase may have switched statement logging on for this database; the generator's statements are not
-- what the benchmark captures.
SET log_statement = 'none';
SET synchronous_commit = off;
SET work_mem = '64MB';
SET maintenance_work_mem = '256MB';
-- JIT compiles these long expressions for longer than they run.
SET jit = off;

BEGIN;

-- Bulk load: the foreign keys and the secondary indexes of the tables filled here go for the load and come back,
-- exactly as they were (pg_get_constraintdef, pg_get_indexdef), when it is done: building an index once and checking a
-- foreign key with one join is far cheaper than maintaining them row by row. Primary keys, unique constraints and
-- partial indexes stay; triggers stay. All inside this transaction: if anything fails, the schema is as before.
CREATE TEMP TABLE bulk_ddl ON COMMIT DROP AS
SELECT 1 AS ord, format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop_it,
       2 AS restore_ord, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                                pg_get_constraintdef(c.oid)) AS restore
FROM pg_constraint c
WHERE c.contype = 'f'
  AND c.conrelid = ANY (ARRAY['lead', 'lead_event', 'lead_evaluation', 'handoff', 'dispute', 'lead_comment',
                              'notification', 'lead_search']::regclass[])
UNION ALL
SELECT 2, format('DROP INDEX %s', i.indexrelid::regclass), 1, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY (ARRAY['lead', 'lead_event', 'lead_evaluation', 'handoff', 'dispute', 'lead_comment',
                              'notification', 'lead_search']::regclass[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
  -- partial indexes stay: a predicate does not always come back in the very form it was written in
  AND i.indpred IS NULL;

DO $$
DECLARE d record;
BEGIN
    FOR d IN SELECT drop_it FROM bulk_ddl ORDER BY ord LOOP
        EXECUTE d.drop_it;
    END LOOP;
END
$$;

-- A uniform number in [0, 1) from a key and a salt.
CREATE OR REPLACE FUNCTION bench.u(k bigint, salt integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (hashint8(k # (salt::bigint << 40)) & 2147483647)::float8 / 2147483648.0 $$;

-- Picks one element of an array (1-based) with a uniform number.
CREATE OR REPLACE FUNCTION bench.pick(a anyarray, x double precision) RETURNS anyelement
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT a[1 + floor(x * cardinality(a))::int] $$;

-- Business-hour clock, approximated: the agreed 24 business hours (3 working days of 8 hours) after the handoff a
-- decision is due, the 48 hours to escalation are 6 working days. Weekends are ignored here; the app computes the
-- exact clock for every handoff it creates.
CREATE OR REPLACE FUNCTION bench.handed_at(id bigint, created timestamptz, stage text) RETURNS timestamptz
    LANGUAGE sql STABLE
AS $$
    SELECT CASE
        -- waiting now: handed off within the last five days, mostly the last one or two; a few long overdue
        WHEN stage = 'AWAITING_ACCEPTANCE' THEN greatest(created, now() - CASE
            WHEN bench.u(id, 51) < 0.03 THEN interval '7 days' + bench.u(id, 52) * interval '3 days'
            ELSE power(bench.u(id, 52), 2) * interval '5 days' END)
        -- decided long ago: handed off one to ten days after it came in
        ELSE least(created + interval '1 day' + bench.u(id, 50) * interval '9 days', now() - interval '2 hours')
    END
$$;

CREATE OR REPLACE FUNCTION bench.decided_at(id bigint, handed timestamptz) RETURNS timestamptz
    LANGUAGE sql STABLE
AS $$ SELECT least(handed + interval '20 minutes' + power(bench.u(id, 53), 3) * interval '110 hours',
                   now() - interval '1 hour') $$;

-- Names and words the data is made of (constant arrays the planner folds into the statements).

CREATE OR REPLACE FUNCTION bench.first() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Jana','Lukas','Sophie','Felix','Marie','Jonas','Lea','Paul','Anna','Elias','Laura','Noah','Hannah','Ben',
          'Emma','Leon','Clara','Finn','Mila','Tom','Sara','David','Nina','Moritz','Julia','Jan','Lisa','Tim','Eva',
          'Max','Olivia','Liam','Chloé','Lucas','Giulia','Marco','Aisha','Omar','Mei','Piotr'] $$;

CREATE OR REPLACE FUNCTION bench.last() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Becker','Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Hoffmann','Koch','Richter',
          'Klein','Wolf','Schröder','Neumann','Braun','Zimmermann','Krüger','Hartmann','Lange','Janssen','de Vries',
          'Dubois','Rossi','Nowak','Kowalski','Smith','Jones','García','Martin','Bernard','Novak','Horvat','Larsen',
          'Nielsen','Berg','Keller','Frei','Huber','Gruber'] $$;

CREATE OR REPLACE FUNCTION bench.stem() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Rhein','Alpen','Nord','Hanse','Isar','Elbe','Main','Spree','Weser','Donau','Bode','Taunus','Harz','Eifel',
          'Mosel','Neckar','Ostsee','Schwarzwald','Allgäu','Lausitz','Ruhr','Saar','Havel','Lech','Inn','Ems','Fulda',
          'Werra','Lahn','Sieg'] $$;

CREATE OR REPLACE FUNCTION bench.kind() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Maschinenbau','Logistik','Präzisionsteile','Kunststofftechnik','Automation','Antriebstechnik','Verpackung',
          'Stahlbau','Medizintechnik','Energiesysteme','Software','Handel','Elektronik','Bau','Foods','Pharma',
          'Textil','Druck','Solar','Telekom'] $$;

CREATE OR REPLACE FUNCTION bench.legal() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['GmbH','GmbH','GmbH','AG','GmbH & Co. KG','SE','KG'] $$;

CREATE OR REPLACE FUNCTION bench.title() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Head of Production','Plant Manager','Operations Director','Head of Engineering','Buyer','CTO',
          'Maintenance Lead','Managing Director','Project Engineer','Head of IT','Procurement Manager','COO',
          'Logistics Manager','Quality Manager'] $$;

CREATE OR REPLACE FUNCTION bench.department() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Operations','Production','Engineering','Procurement','IT','Maintenance','Logistics','Management',
          'Quality','Finance'] $$;

CREATE OR REPLACE FUNCTION bench.industry() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['MANUFACTURING','MANUFACTURING','MANUFACTURING','MANUFACTURING','LOGISTICS','LOGISTICS','SOFTWARE',
          'SOFTWARE','SOFTWARE','RETAIL','RETAIL','HEALTHCARE','HEALTHCARE','FINANCE','FINANCE','ENERGY','ENERGY',
          'CONSTRUCTION','TELECOM','MEDIA','EDUCATION','PUBLIC_SECTOR','AGRICULTURE','OTHER'] $$;

CREATE OR REPLACE FUNCTION bench.country() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['DE','DE','DE','DE','DE','DE','DE','DE','AT','AT','CH','CH','NL','FR','GB','GB','US','US','PL','IT','ES',
          'SE','DK','BE'] $$;

CREATE OR REPLACE FUNCTION bench.source() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['website','website','website','website','website','webinar','webinar','webinar','linkedin','linkedin',
          'linkedin','paid search','paid search','whitepaper','whitepaper','trade fair','trade fair','referral',
          'newsletter','partner'] $$;

CREATE OR REPLACE FUNCTION bench.timeline() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['NOW','THIS_QUARTER','THIS_QUARTER','THIS_YEAR','THIS_YEAR','UNKNOWN','UNKNOWN','UNKNOWN'] $$;

CREATE OR REPLACE FUNCTION bench.comment() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['Called twice, left a voicemail; trying again Thursday.',
          'They asked for the ROI calculation from the webinar — sent.',
          'Budget is approved for the second half of the year.',
          'Decision maker is the plant manager, not the buyer. Looping her in.',
          'Visited our booth at the trade fair, very interested in the pilot.',
          'Competitor offer on the table; we need the reference customer call.',
          'Please check the employee count, the website says 40 but LinkedIn 400.',
          'Demo scheduled for next Tuesday 10:00.',
          'Only the Austrian site is in scope for now.',
          'Follow-up after the newsletter click: no reply yet.',
          'Procurement wants three quotes; we are one of them.',
          'Good fit. Handing this over with the notes from the call.'] $$;

CREATE OR REPLACE FUNCTION bench.reason() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['UNABLE_TO_REACH','UNABLE_TO_REACH','CONTACT_DATA_INACCURATE','NO_INTEREST','NO_INTEREST','NO_BUDGET',
          'NO_BUDGET','NOT_READY','NOT_READY','NOT_READY','OUTSIDE_PROFILE','OUTSIDE_PROFILE','DUPLICATE','OTHER'] $$;

-- People: the admin came from sign-up; marketers, a liaison and sales reps join with the admin's password hash (the
-- same password, hashed by the application itself).
INSERT INTO account (tenant_id, email, display_name, password_hash, roles, created_at)
SELECT w.tenant_id, p.local || '@' || w.domain,
       bench.pick(bench.first(), bench.u(w.ord * 1000 + p.n, 1)) || ' ' || bench.pick(bench.last(), bench.u(w.ord * 1000 + p.n, 2)),
       a.password_hash, ARRAY[p.role], a.created_at
FROM bench.workspace w
JOIN account a ON a.id = w.admin_id
CROSS JOIN LATERAL (
    SELECT 'marketer' || k AS local, 'MARKETER' AS role, k AS n FROM generate_series(1, w.n_marketers) k
    UNION ALL SELECT 'liaison', 'LIAISON', 100
    UNION ALL SELECT 'rep' || lpad(k::text, 2, '0'), 'SALES_REP', 200 + k FROM generate_series(1, w.n_reps) k
) p;

UPDATE bench.workspace w SET
    marketers = (SELECT array_agg(id ORDER BY id) FROM account WHERE tenant_id = w.tenant_id AND 'MARKETER' = ANY (roles)),
    reps = (SELECT array_agg(id ORDER BY id) FROM account WHERE tenant_id = w.tenant_id AND 'SALES_REP' = ANY (roles)),
    liaison_id = (SELECT id FROM account WHERE tenant_id = w.tenant_id AND 'LIAISON' = ANY (roles)),
    criteria_version_id = (SELECT id FROM agreement_version
                           WHERE tenant_id = w.tenant_id AND kind = 'CRITERIA' AND status = 'ACTIVE');

-- The evaluation below is the default criteria (version 1 of sign-up) written out; refuse anything else.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM bench.workspace w JOIN agreement_version v ON v.id = w.criteria_version_id
               WHERE v.number <> 1 OR v.content <> '{"employeesMin": 50, "employeesMax": 5000, "employeesMode": "REQUIRED",
                   "industries": [], "industriesMode": "OFF", "departments": [], "departmentsMode": "OFF",
                   "countries": [], "countriesMode": "OFF", "minEngagement": 30, "engagementMode": "NICE",
                   "projectPlannedMode": "NICE", "budgetConfirmedMode": "NICE", "timelineHorizon": "THIS_YEAR",
                   "timelineMode": "REQUIRED"}'::jsonb) THEN
        RAISE EXCEPTION 'The workspaces'' active criteria are not the sign-up defaults this generator evaluates';
    END IF;
END
$$;

-- Leads: created over the last two years (more recently more), across sources, campaigns, industries, company sizes
-- and the stages of the funnel. About 0.3 % wait for a sales decision (spread evenly over the reps).
INSERT INTO lead (id, tenant_id, first_name, last_name, email, phone, job_title, company_name, website, employees,
                  industry, department, country, source, campaign, engagement_score, project_planned, budget_confirmed,
                  purchase_timeline, external_id, stage, owner_id, deal_value, created_by, created_at, updated_at,
                  won_at, version)
SELECT c.id, c.tenant_id, c.first, c.last, c.email, c.phone, c.title, c.company, c.website, c.employees, c.industry,
       c.department, c.country, c.source, c.campaign, c.engagement, c.project, c.budget, c.timeline, c.external_id,
       c.stage, c.owner_id,
       CASE WHEN c.stage = 'WON' THEN 5000 + floor(bench.u(c.id, 30) * 146) * 1000 END,
       c.created_by, c.created_at, c.updated_at,
       CASE WHEN c.stage = 'WON' THEN c.updated_at END,
       CASE c.stage WHEN 'NEW_INQUIRY' THEN 0 ELSE 1 + floor(bench.u(c.id, 31) * 4)::int END
FROM (
    SELECT b.*,
           CASE
               WHEN b.stage = 'NEW_INQUIRY' THEN b.created_at
               WHEN b.stage IN ('NURTURE', 'MARKETING_QUALIFIED', 'DISQUALIFIED')
                   THEN b.created_at + bench.u(b.id, 32) * (now() - b.created_at)
               WHEN b.stage = 'AWAITING_ACCEPTANCE' THEN bench.handed_at(b.id, b.created_at, b.stage)
               WHEN b.stage = 'REJECTED' THEN bench.decided_at(b.id, bench.handed_at(b.id, b.created_at, b.stage))
               WHEN b.stage = 'IN_DISPUTE'
                   THEN least(now(), bench.decided_at(b.id, bench.handed_at(b.id, b.created_at, b.stage))
                                     + interval '2 hours' + bench.u(b.id, 33) * interval '2 days')
               ELSE -- sales stages: some time after acceptance
                   bench.decided_at(b.id, bench.handed_at(b.id, b.created_at, b.stage))
                   + bench.u(b.id, 34) * (now() - bench.decided_at(b.id, bench.handed_at(b.id, b.created_at, b.stage)))
           END AS updated_at,
           CASE WHEN b.stage IN ('SALES_ACCEPTED', 'SALES_QUALIFIED', 'OPPORTUNITY', 'WON', 'LOST')
                THEN bench.pick(b.reps, bench.u(b.id, 35)) END AS owner_id
    FROM (
        SELECT a.id, a.tenant_id, a.i, a.reps,
               bench.pick(bench.first(), bench.u(a.id, 1)) AS first,
               bench.pick(bench.last(), bench.u(a.id, 2)) AS last,
               lower(translate(bench.pick(bench.first(), bench.u(a.id, 1)) || '.' || bench.pick(bench.last(), bench.u(a.id, 2)),
                               'äöüßéíá ', 'aouseia')) || '.' || a.i || '@'
                   || lower(translate(bench.pick(bench.stem(), bench.u(a.id, 3)) || '-' || bench.pick(bench.kind(), bench.u(a.id, 4)),
                                      'äöüß ', 'aous-')) || '.example' AS email,
               '+49 ' || (30 + floor(bench.u(a.id, 5) * 60)::int) || ' ' || (1000000 + floor(bench.u(a.id, 6) * 8999999)::int) AS phone,
               bench.pick(bench.title(), bench.u(a.id, 7)) AS title,
               bench.pick(bench.stem(), bench.u(a.id, 3)) || ' ' || bench.pick(bench.kind(), bench.u(a.id, 4)) || ' '
                   || bench.pick(bench.legal(), bench.u(a.id, 8)) AS company,
               'https://' || lower(translate(bench.pick(bench.stem(), bench.u(a.id, 3)) || '-' || bench.pick(bench.kind(), bench.u(a.id, 4)),
                                             'äöüß ', 'aous-')) || '.example' AS website,
               CASE WHEN bench.u(a.id, 9) < 0.08 THEN NULL
                    ELSE round(exp(bench.u(a.id, 10) * ln(10000)))::int END AS employees,
               CASE WHEN bench.u(a.id, 11) < 0.05 THEN NULL ELSE bench.pick(bench.industry(), bench.u(a.id, 12)) END AS industry,
               bench.pick(bench.department(), bench.u(a.id, 13)) AS department,
               CASE WHEN bench.u(a.id, 14) < 0.03 THEN NULL ELSE bench.pick(bench.country(), bench.u(a.id, 15)) END AS country,
               bench.pick(bench.source(), bench.u(a.id, 16)) AS source,
               CASE bench.pick(bench.source(), bench.u(a.id, 16))
                   WHEN 'website' THEN bench.pick(ARRAY['seo','pricing-page','contact-form','chat'], bench.u(a.id, 17))
                   WHEN 'webinar' THEN 'automation-' || (2025 + floor(bench.u(a.id, 17) * 2)::int) || '-q'
                                       || (1 + floor(bench.u(a.id, 18) * 4)::int)
                   WHEN 'linkedin' THEN bench.pick(ARRAY['abm-manufacturing','abm-logistics','abm-healthcare','retargeting'], bench.u(a.id, 17))
                   WHEN 'paid search' THEN bench.pick(ARRAY['brand','robotics-generic','competitor-terms'], bench.u(a.id, 17))
                   WHEN 'whitepaper' THEN bench.pick(ARRAY['robotics-roi-guide','automation-checklist'], bench.u(a.id, 17))
                   WHEN 'trade fair' THEN bench.pick(ARRAY['hannover-messe-2025','logimat-2025','hannover-messe-2026','logimat-2026'], bench.u(a.id, 17))
                   WHEN 'newsletter' THEN 'monthly-digest'
                   WHEN 'referral' THEN 'customer-referral'
                   ELSE 'partner-program' END AS campaign,
               CASE WHEN bench.u(a.id, 19) < 0.1 THEN NULL
                    ELSE floor(100 * power(bench.u(a.id, 20), 1.4))::int END AS engagement,
               bench.u(a.id, 21) < 0.33 AS project,
               bench.u(a.id, 22) < 0.22 AS budget,
               bench.pick(bench.timeline(), bench.u(a.id, 23)) AS timeline,
               CASE WHEN bench.u(a.id, 24) < 0.2 THEN 'crm-' || a.i END AS external_id,
               CASE WHEN bench.u(a.id, 25) < 0.45 THEN bench.pick(a.marketers, bench.u(a.id, 26)) END AS created_by,
               a.created_at,
               CASE
                   WHEN a.i % 333 = 0 THEN 'AWAITING_ACCEPTANCE'
                   -- a lead of the last week is rarely far down the funnel yet
                   WHEN a.created_at > now() - interval '7 days'
                        AND (bench.u(a.id, 27) < 0.9 OR a.created_at > now() - interval '2 days') THEN
                       CASE WHEN bench.u(a.id, 28) < 0.7 THEN 'NEW_INQUIRY' ELSE 'NURTURE' END
                   ELSE CASE
                       WHEN bench.u(a.id, 28) < 0.280 THEN 'NEW_INQUIRY'
                       WHEN bench.u(a.id, 28) < 0.520 THEN 'NURTURE'
                       WHEN bench.u(a.id, 28) < 0.590 THEN 'MARKETING_QUALIFIED'
                       WHEN bench.u(a.id, 28) < 0.615 THEN 'REJECTED'
                       WHEN bench.u(a.id, 28) < 0.618 THEN 'IN_DISPUTE'
                       WHEN bench.u(a.id, 28) < 0.658 THEN 'SALES_ACCEPTED'
                       WHEN bench.u(a.id, 28) < 0.693 THEN 'SALES_QUALIFIED'
                       WHEN bench.u(a.id, 28) < 0.723 THEN 'OPPORTUNITY'
                       WHEN bench.u(a.id, 28) < 0.753 THEN 'WON'
                       WHEN bench.u(a.id, 28) < 0.813 THEN 'LOST'
                       ELSE 'DISQUALIFIED' END
               END AS stage
        FROM (
            -- A workspace's leads arrive over time, and each is written when it arrives: ids and the table's physical
            -- order follow created_at, as in a live workspace (the i-th lead's time is the i-th quantile of the same
            -- "more recently more" distribution). Random times would scatter a period's leads over the whole table.
            SELECT g.id, w.tenant_id, w.reps, w.marketers, g.i,
                   now() - (1 - sqrt((g.i - 0.5) / w.leads)) * interval '730 days' - interval '5 minutes' AS created_at
            FROM bench.workspace w
            CROSS JOIN LATERAL (SELECT nextval('lead_id_seq') AS id, i FROM generate_series(1, w.leads) i OFFSET 0) g
        ) a
        OFFSET 0 -- computed once per row, not once per use
    ) b
    OFFSET 0
) c;

-- How each lead fares against the active (default) criteria: the same expressions CriteriaSql builds for them.
INSERT INTO lead_evaluation (tenant_id, lead_id, version_id, qualified, score, met, evaluated_at, lead_created_day)
SELECT l.tenant_id, l.id, w.criteria_version_id,
       m.employees AND m.timeline,
       (100 * (m.employees::int + m.engagement::int + m.project::int + m.budget::int + m.timeline::int) / 5),
       jsonb_build_object('EMPLOYEES', m.employees, 'ENGAGEMENT', m.engagement, 'PROJECT_PLANNED', m.project,
                          'BUDGET_CONFIRMED', m.budget, 'TIMELINE', m.timeline),
       l.updated_at, (l.created_at AT TIME ZONE 'UTC')::date
FROM lead l
JOIN bench.workspace w ON w.tenant_id = l.tenant_id
CROSS JOIN LATERAL (SELECT
    coalesce((l.employees IS NOT NULL AND l.employees >= 50 AND l.employees <= 5000), false) AS employees,
    coalesce(l.engagement_score >= 30, false) AS engagement,
    coalesce(l.project_planned, false) AS project,
    coalesce(l.budget_confirmed, false) AS budget,
    coalesce(l.purchase_timeline = ANY ('{NOW,THIS_QUARTER,THIS_YEAR}'::text[]), false) AS timeline) m;

-- The goal's kept count of won leads that marketing handed off (V46) is filled once, after the handoffs, as V46's
-- backfill does: its insert trigger looks up each won lead's handoffs, which without the handoff index dropped above
-- is a scan of the handoffs per won lead (the load then took hours instead of minutes).
ALTER TABLE handoff DISABLE TRIGGER marketing_won_count_handoff_insert;

-- Handoffs. Accepted: every lead in a sales stage was handed off and accepted by the rep who owns it.
INSERT INTO handoff (tenant_id, lead_id, handed_by, assignee_id, round_robin, qualified, criteria_version_id,
                     override_reason, handed_at, due_at, escalate_at, status, decided_by, decided_at, breached_at,
                     escalated_at)
SELECT t.tenant_id, t.id, t.handed_by, t.owner_id, bench.u(t.id, 61) < 0.7, t.qualified, t.version_id,
       CASE WHEN NOT t.qualified THEN 'Asked for a demo on the phone; worth a call even without the criteria.' END,
       t.handed, t.handed + interval '3 days', t.handed + interval '6 days', 'ACCEPTED', t.owner_id, t.decided,
       CASE WHEN t.decided > t.handed + interval '3 days' THEN t.handed + interval '3 days 1 minute' END,
       CASE WHEN t.decided > t.handed + interval '6 days' THEN t.handed + interval '6 days 1 minute' END
FROM (
    SELECT l.tenant_id, l.id, l.owner_id, e.qualified, e.version_id, bench.pick(w.marketers, bench.u(l.id, 60)) AS handed_by,
           bench.handed_at(l.id, l.created_at, l.stage) AS handed,
           bench.decided_at(l.id, bench.handed_at(l.id, l.created_at, l.stage)) AS decided
    FROM lead l
    JOIN bench.workspace w ON w.tenant_id = l.tenant_id
    JOIN lead_evaluation e ON e.tenant_id = l.tenant_id AND e.lead_id = l.id
    WHERE l.stage IN ('SALES_ACCEPTED', 'SALES_QUALIFIED', 'OPPORTUNITY', 'WON', 'LOST')
) t;

-- Rejected: the leads waiting for marketing's answer or disputed, and recycled ones (back in nurture or
-- disqualified after a rejection).
INSERT INTO handoff (tenant_id, lead_id, handed_by, assignee_id, round_robin, qualified, criteria_version_id,
                     override_reason, handed_at, due_at, escalate_at, status, decided_by, decided_at, reason_code,
                     comment, breached_at, escalated_at)
SELECT t.tenant_id, t.id, t.handed_by, t.rep, bench.u(t.id, 61) < 0.7, t.qualified, t.version_id,
       CASE WHEN NOT t.qualified THEN 'Strong intent in the webinar chat; handing over although the size is off.' END,
       t.handed, t.handed + interval '3 days', t.handed + interval '6 days', 'REJECTED', t.rep, t.decided, t.reason,
       CASE WHEN t.reason IN ('UNABLE_TO_REACH', 'OUTSIDE_PROFILE', 'OTHER') OR bench.u(t.id, 63) < 0.3 THEN
           CASE t.reason
               WHEN 'UNABLE_TO_REACH' THEN 'Three calls and two e-mails over a week, no answer.'
               WHEN 'OUTSIDE_PROFILE' THEN 'Only 30 employees at this site; we need at least a mid-sized plant.'
               WHEN 'OTHER' THEN 'They are in the middle of a merger; nobody can decide before it closes.'
               WHEN 'NO_BUDGET' THEN 'Budget frozen until next fiscal year.'
               WHEN 'NOT_READY' THEN 'Project is planned for next year; call again in Q3.'
               ELSE 'See the call notes in the timeline.' END END,
       CASE WHEN t.decided > t.handed + interval '3 days' THEN t.handed + interval '3 days 1 minute' END,
       CASE WHEN t.decided > t.handed + interval '6 days' THEN t.handed + interval '6 days 1 minute' END
FROM (
    SELECT l.tenant_id, l.id, e.qualified, e.version_id, bench.pick(w.marketers, bench.u(l.id, 60)) AS handed_by,
           bench.pick(w.reps, bench.u(l.id, 62)) AS rep, bench.pick(bench.reason(), bench.u(l.id, 64)) AS reason,
           bench.handed_at(l.id, l.created_at, 'REJECTED') AS handed,
           bench.decided_at(l.id, bench.handed_at(l.id, l.created_at, 'REJECTED')) AS decided
    FROM lead l
    JOIN bench.workspace w ON w.tenant_id = l.tenant_id
    JOIN lead_evaluation e ON e.tenant_id = l.tenant_id AND e.lead_id = l.id
        WHERE l.stage IN ('REJECTED', 'IN_DISPUTE')
       OR (l.stage = 'NURTURE' AND bench.u(l.id, 65) < 0.10 AND l.created_at < now() - interval '14 days')
       OR (l.stage = 'DISQUALIFIED' AND bench.u(l.id, 65) < 0.20 AND l.created_at < now() - interval '14 days')
) t;

-- Awaiting a decision: spread evenly over the workspace's reps; the SLA watch's marks where the clock ran out.
INSERT INTO handoff (tenant_id, lead_id, handed_by, assignee_id, round_robin, qualified, criteria_version_id,
                     override_reason, handed_at, due_at, escalate_at, status, breached_at, escalated_at)
SELECT t.tenant_id, t.id, t.handed_by, t.reps[1 + (t.n % cardinality(t.reps))::int], true, t.qualified, t.version_id,
       CASE WHEN NOT t.qualified THEN 'Engagement is low but the CTO called us himself; please call back.' END,
       t.handed, t.handed + interval '3 days', t.handed + interval '6 days', 'AWAITING',
       CASE WHEN t.handed + interval '3 days' < now() THEN t.handed + interval '3 days 1 minute' END,
       CASE WHEN t.handed + interval '6 days' < now() THEN t.handed + interval '6 days 1 minute' END
FROM (
    SELECT l.tenant_id, l.id, w.reps, e.qualified, e.version_id,
           row_number() OVER (PARTITION BY l.tenant_id ORDER BY l.id) AS n,
           bench.pick(w.marketers, bench.u(l.id, 60)) AS handed_by,
           bench.handed_at(l.id, l.created_at, l.stage) AS handed
    FROM lead l
    JOIN bench.workspace w ON w.tenant_id = l.tenant_id
    JOIN lead_evaluation e ON e.tenant_id = l.tenant_id AND e.lead_id = l.id
    WHERE l.stage = 'AWAITING_ACCEPTANCE'
) t;

-- Overturned disputes: about 2 % of the leads in sales stages were rejected first, disputed, and given back to sales
-- by the liaison (the accepted handoff above is the one the decision created, carrying its rationale).
CREATE TEMP TABLE overturned ON COMMIT DROP AS
SELECT h.tenant_id, h.lead_id, h.id AS new_handoff_id, h.handed_by, h.assignee_id, h.qualified, h.criteria_version_id,
       h.handed_at, w.liaison_id, bench.pick(w.reps, bench.u(h.lead_id, 66)) AS first_rep
FROM handoff h
JOIN bench.workspace w ON w.tenant_id = h.tenant_id
WHERE h.status = 'ACCEPTED' AND bench.u(h.lead_id, 67) < 0.02
  AND h.handed_at > (SELECT created_at FROM lead l WHERE l.tenant_id = h.tenant_id AND l.id = h.lead_id) + interval '4 days';

UPDATE handoff h SET handed_back_note = 'The contact data was right; the direct line is in the CRM notes. Back to sales.'
FROM overturned o WHERE h.tenant_id = o.tenant_id AND h.id = o.new_handoff_id;

INSERT INTO handoff (tenant_id, lead_id, handed_by, assignee_id, round_robin, qualified, criteria_version_id,
                     override_reason, handed_at, due_at, escalate_at, status, decided_by, decided_at, reason_code, comment)
SELECT o.tenant_id, o.lead_id, o.handed_by, o.first_rep, true, o.qualified, o.criteria_version_id,
       CASE WHEN NOT o.qualified THEN 'Marketing vouches for this one; see the webinar questions.' END,
       o.handed_at - interval '4 days', o.handed_at - interval '1 day', o.handed_at, 'REJECTED', o.first_rep,
       o.handed_at - interval '3 days 20 hours', 'CONTACT_DATA_INACCURATE', 'The number belongs to the reception of another company.'
FROM overturned o;

-- Disputes: open ones for the leads in dispute; upheld ones among the recycled leads; the overturned ones.
INSERT INTO dispute (tenant_id, lead_id, handoff_id, opened_by, opened_at, argument, status, decided_by, decided_at,
                     rationale, new_handoff_id)
SELECT h.tenant_id, h.lead_id, h.id, bench.pick(w.marketers, bench.u(h.lead_id, 70)),
       least(now() - interval '10 minutes', h.decided_at + interval '1 hour' + bench.u(h.lead_id, 71) * interval '1 day'),
       'The group has 1,400 employees; the site that called buys for all plants. Procurement is central.',
       'OPEN', NULL::bigint, NULL::timestamptz, NULL::varchar, NULL::bigint
FROM handoff h
JOIN lead l ON l.tenant_id = h.tenant_id AND l.id = h.lead_id
JOIN bench.workspace w ON w.tenant_id = h.tenant_id
WHERE l.stage = 'IN_DISPUTE' AND h.status = 'REJECTED'
UNION ALL
SELECT h.tenant_id, h.lead_id, h.id, bench.pick(w.marketers, bench.u(h.lead_id, 70)),
       h.decided_at + interval '2 hours', 'They downloaded the ROI guide after the rejection; there may be a second plant.',
       'UPHELD', w.liaison_id, h.decided_at + interval '1 day 2 hours',
       'The competitor contract runs three years; nurture and revisit when the second plant is confirmed.', NULL
FROM handoff h
JOIN lead l ON l.tenant_id = h.tenant_id AND l.id = h.lead_id
JOIN bench.workspace w ON w.tenant_id = h.tenant_id
WHERE l.stage IN ('NURTURE', 'DISQUALIFIED') AND h.status = 'REJECTED' AND bench.u(h.lead_id, 72) < 0.25
UNION ALL
SELECT h.tenant_id, h.lead_id, h.id, o.handed_by, h.decided_at + interval '2 hours',
       'The switchboard number was on the form; the direct line is in the CRM notes since Monday.',
       'OVERTURNED', o.liaison_id, o.handed_at, 'The contact data was right; the direct line is in the CRM notes. Back to sales.',
       o.new_handoff_id
FROM overturned o
JOIN handoff h ON h.tenant_id = o.tenant_id AND h.lead_id = o.lead_id AND h.status = 'REJECTED';

-- Comments: most on leads sales and marketing argue about, a few elsewhere.
INSERT INTO lead_comment (tenant_id, lead_id, author_id, body, created_at)
SELECT l.tenant_id, l.id,
       CASE WHEN bench.u(l.id * 8 + k, 81) < 0.45 THEN bench.pick(w.marketers, bench.u(l.id * 8 + k, 82))
            WHEN bench.u(l.id * 8 + k, 81) < 0.95 THEN bench.pick(w.reps, bench.u(l.id * 8 + k, 82))
            ELSE w.liaison_id END,
       bench.pick(bench.comment(), bench.u(l.id * 8 + k, 83)),
       l.created_at + (now() - l.created_at) * (k - bench.u(l.id * 8 + k, 84)) / 3
FROM lead l
JOIN bench.workspace w ON w.tenant_id = l.tenant_id
CROSS JOIN LATERAL generate_series(1, 1 + floor(bench.u(l.id, 85) * 3)::int) k
WHERE bench.u(l.id, 80) < CASE
    WHEN l.stage IN ('REJECTED', 'IN_DISPUTE') THEN 0.6
    WHEN l.stage IN ('AWAITING_ACCEPTANCE', 'SALES_ACCEPTED', 'SALES_QUALIFIED', 'OPPORTUNITY', 'WON', 'LOST') THEN 0.3
    ELSE 0.04 END;

-- The timeline: how each lead came in, its stage moves, handoffs and decisions, the SLA watch's marks, disputes and
-- comments, each with the facts the application records.
INSERT INTO lead_event (tenant_id, lead_id, occurred_at, actor_id, actor_label, type, details)
SELECT l.tenant_id, l.id, l.created_at, l.created_by,
       CASE WHEN l.created_by IS NULL THEN 'API: HubSpot' ELSE a.display_name END,
       CASE WHEN l.created_by IS NOT NULL AND bench.u(l.id, 90) < 0.3 THEN 'IMPORTED' ELSE 'CREATED' END,
       CASE WHEN l.created_by IS NULL THEN '{"facts": {"channel": "API"}}'::jsonb
            WHEN bench.u(l.id, 90) < 0.3 THEN '{"facts": {"channel": "IMPORT", "file": "trade-fair-leads.csv"}}'::jsonb
            ELSE '{"facts": {"channel": "FORM"}}'::jsonb END
FROM lead l
LEFT JOIN account a ON a.tenant_id = l.tenant_id AND a.id = l.created_by
WHERE l.tenant_id IN (SELECT tenant_id FROM bench.workspace);

-- Marketing's stage moves (new inquiry to nurture or qualified, out to disqualified) and sales' moves after acceptance.
INSERT INTO lead_event (tenant_id, lead_id, occurred_at, actor_id, actor_label, type, details)
SELECT l.tenant_id, l.id, m.at, m.actor, p.display_name, 'STAGE_CHANGED',
       jsonb_build_object('facts', jsonb_build_object('from', m.from_stage, 'to', m.to_stage)
           || CASE WHEN m.to_stage = 'WON' THEN jsonb_build_object('dealValue', l.deal_value::text) ELSE '{}'::jsonb END)
FROM lead l
JOIN bench.workspace w ON w.tenant_id = l.tenant_id
CROSS JOIN LATERAL (
    SELECT v.from_stage, v.to_stage,
           CASE WHEN v.sales THEN l.owner_id ELSE bench.pick(w.marketers, bench.u(l.id, 91)) END AS actor,
           CASE WHEN v.sales THEN
                    least(now(), bench.decided_at(l.id, bench.handed_at(l.id, l.created_at, l.stage))
                                 + (l.updated_at - bench.decided_at(l.id, bench.handed_at(l.id, l.created_at, l.stage))) * v.step / 3.0)
                WHEN l.stage IN ('NURTURE', 'MARKETING_QUALIFIED', 'DISQUALIFIED') THEN l.updated_at
                ELSE l.created_at + (bench.handed_at(l.id, l.created_at, l.stage) - l.created_at) / 2 END AS at
    FROM (VALUES ('NURTURE', 'NEW_INQUIRY', 'NURTURE', false, 0),
                 ('MARKETING_QUALIFIED', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('DISQUALIFIED', 'NEW_INQUIRY', 'DISQUALIFIED', false, 0),
                 ('AWAITING_ACCEPTANCE', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('REJECTED', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('IN_DISPUTE', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('SALES_ACCEPTED', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('SALES_QUALIFIED', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('SALES_QUALIFIED', 'SALES_ACCEPTED', 'SALES_QUALIFIED', true, 3),
                 ('OPPORTUNITY', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('OPPORTUNITY', 'SALES_ACCEPTED', 'SALES_QUALIFIED', true, 1),
                 ('OPPORTUNITY', 'SALES_QUALIFIED', 'OPPORTUNITY', true, 3),
                 ('WON', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('WON', 'SALES_ACCEPTED', 'SALES_QUALIFIED', true, 1),
                 ('WON', 'SALES_QUALIFIED', 'OPPORTUNITY', true, 2),
                 ('WON', 'OPPORTUNITY', 'WON', true, 3),
                 ('LOST', 'NEW_INQUIRY', 'MARKETING_QUALIFIED', false, 0),
                 ('LOST', 'SALES_ACCEPTED', 'SALES_QUALIFIED', true, 1),
                 ('LOST', 'SALES_QUALIFIED', 'LOST', true, 3)) AS v (stage, from_stage, to_stage, sales, step)
    WHERE v.stage = l.stage
) m
LEFT JOIN account p ON p.tenant_id = l.tenant_id AND p.id = m.actor;

-- Each handoff: handed off, then accepted or rejected; the SLA watch's breach and escalation marks.
INSERT INTO lead_event (tenant_id, lead_id, occurred_at, actor_id, actor_label, type, details)
SELECT h.tenant_id, h.lead_id, e.at, e.actor, p.display_name, e.type, jsonb_build_object('facts', e.facts)
FROM handoff h
JOIN account r ON r.tenant_id = h.tenant_id AND r.id = h.assignee_id
JOIN bench.workspace w ON w.tenant_id = h.tenant_id
CROSS JOIN LATERAL (
    SELECT h.handed_at AS at, h.handed_by AS actor, 'HANDED_OFF' AS type,
           jsonb_build_object('from', 'MARKETING_QUALIFIED', 'to', 'AWAITING_ACCEPTANCE', 'assignee', r.display_name,
                              'roundRobin', h.round_robin::text)
           || CASE WHEN h.qualified THEN '{}'::jsonb ELSE jsonb_build_object('override', h.override_reason) END AS facts
    UNION ALL
    SELECT h.decided_at, h.decided_by, h.status,
           CASE h.status WHEN 'ACCEPTED' THEN '{"from": "AWAITING_ACCEPTANCE", "to": "SALES_ACCEPTED"}'::jsonb
               ELSE jsonb_build_object('from', 'AWAITING_ACCEPTANCE', 'to', 'REJECTED', 'reason', h.reason_code)
                    || CASE WHEN h.comment IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('comment', h.comment) END END
    WHERE h.status IN ('ACCEPTED', 'REJECTED')
    UNION ALL
    SELECT h.breached_at, NULL, 'SLA_BREACHED', '{}'::jsonb WHERE h.breached_at IS NOT NULL
    UNION ALL
    SELECT h.escalated_at, NULL, 'ESCALATED', '{}'::jsonb WHERE h.escalated_at IS NOT NULL
) e
LEFT JOIN account p ON p.tenant_id = h.tenant_id AND p.id = e.actor
WHERE h.tenant_id IN (SELECT tenant_id FROM bench.workspace);

INSERT INTO lead_event (tenant_id, lead_id, occurred_at, actor_id, actor_label, type, details)
SELECT d.tenant_id, d.lead_id, e.at, e.actor, p.display_name, e.type, jsonb_build_object('facts', e.facts)
FROM dispute d
CROSS JOIN LATERAL (
    SELECT d.opened_at AS at, d.opened_by AS actor, 'DISPUTED' AS type,
           jsonb_build_object('from', 'REJECTED', 'to', 'IN_DISPUTE', 'argument', d.argument) AS facts
    UNION ALL
    SELECT d.decided_at, d.decided_by, CASE d.status WHEN 'UPHELD' THEN 'DISPUTE_UPHELD' ELSE 'DISPUTE_OVERTURNED' END,
           jsonb_build_object('from', 'IN_DISPUTE', 'to', CASE d.status WHEN 'UPHELD' THEN 'REJECTED' ELSE 'AWAITING_ACCEPTANCE' END,
                              'rationale', d.rationale)
    WHERE d.status <> 'OPEN'
) e
LEFT JOIN account p ON p.tenant_id = d.tenant_id AND p.id = e.actor
WHERE d.tenant_id IN (SELECT tenant_id FROM bench.workspace);

INSERT INTO lead_event (tenant_id, lead_id, occurred_at, actor_id, actor_label, type, details)
SELECT c.tenant_id, c.lead_id, c.created_at, c.author_id, a.display_name, 'COMMENTED',
       jsonb_build_object('facts', jsonb_build_object('comment', c.body))
FROM lead_comment c
JOIN account a ON a.tenant_id = c.tenant_id AND a.id = c.author_id
WHERE c.tenant_id IN (SELECT tenant_id FROM bench.workspace);

-- Notifications: each waiting handoff told its rep, each open dispute the liaison; recent rejections told marketing.
INSERT INTO notification (tenant_id, recipient_id, message_key, arguments, link, created_at, read_at)
SELECT h.tenant_id, h.assignee_id, 'notification.handedToYou',
       jsonb_build_array(m.display_name, coalesce(nullif(btrim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.email)),
       '/leads/' || h.lead_id, h.handed_at, NULL::timestamptz
FROM handoff h
JOIN lead l ON l.tenant_id = h.tenant_id AND l.id = h.lead_id
JOIN account m ON m.tenant_id = h.tenant_id AND m.id = h.handed_by
WHERE h.status = 'AWAITING' AND h.tenant_id IN (SELECT tenant_id FROM bench.workspace)
UNION ALL
SELECT d.tenant_id, w.liaison_id, 'notification.disputeOpened',
       jsonb_build_array(m.display_name, coalesce(nullif(btrim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.email)),
       '/disputes/' || d.id, d.opened_at, NULL
FROM dispute d
JOIN bench.workspace w ON w.tenant_id = d.tenant_id
JOIN lead l ON l.tenant_id = d.tenant_id AND l.id = d.lead_id
JOIN account m ON m.tenant_id = d.tenant_id AND m.id = d.opened_by
WHERE d.status = 'OPEN'
UNION ALL
SELECT h.tenant_id, h.handed_by, 'notification.handoffRejected',
       jsonb_build_array(r.display_name, coalesce(nullif(btrim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.email)),
       '/leads/' || h.lead_id, h.decided_at, CASE WHEN h.decided_at < now() - interval '3 days' THEN h.decided_at + interval '3 hours' END
FROM handoff h
JOIN lead l ON l.tenant_id = h.tenant_id AND l.id = h.lead_id
JOIN account r ON r.tenant_id = h.tenant_id AND r.id = h.decided_by
WHERE h.status = 'REJECTED' AND h.decided_at > now() - interval '60 days'
  AND h.tenant_id IN (SELECT tenant_id FROM bench.workspace);

-- This quarter's shared goal, set so that the revenue won so far is about 40 % of it.
INSERT INTO revenue_goal (tenant_id, period_kind, period_start, target, bonus_pool, marketing_share_percent, set_by, set_at)
SELECT w.tenant_id, 'QUARTER', date_trunc('quarter', now() AT TIME ZONE 'Europe/Berlin')::date,
       greatest(100000, round(coalesce(sum(l.deal_value), 0) * 2.5, -4)), 30000, 40, w.admin_id,
       date_trunc('quarter', now())
FROM bench.workspace w
LEFT JOIN lead l ON l.tenant_id = w.tenant_id AND l.stage = 'WON'
                AND l.won_at >= date_trunc('quarter', now() AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'Europe/Berlin'
GROUP BY w.tenant_id, w.admin_id;

-- One API key per workspace, stored as ApiKeyManagement stores it (SHA-256 of the secret, hex); the full key is kept
-- in bench.workspace for the intake scenarios.
WITH k AS (
    SELECT w.ord, w.tenant_id, w.admin_id, gen_random_uuid() AS id, md5(random()::text) || md5(random()::text) AS secret
    FROM bench.workspace w
), ins AS (
    INSERT INTO api_key (id, tenant_id, name, secret_hash, created_by, created_at)
    SELECT k.id, k.tenant_id, 'HubSpot', encode(sha256(convert_to(k.secret, 'UTF8')), 'hex'), k.admin_id, now() - interval '400 days'
    FROM k
    RETURNING id
)
UPDATE bench.workspace w SET api_key = 'lb_' || replace(k.id::text, '-', '') || '_' || k.secret
FROM k WHERE k.ord = w.ord;

-- The indexes and foreign keys of before (each foreign key checked once, over all rows).
SET LOCAL maintenance_work_mem = '512MB';
DO $$
DECLARE d record;
BEGIN
    FOR d IN SELECT restore FROM bulk_ddl ORDER BY restore_ord LOOP
        EXECUTE d.restore;
    END LOOP;
END
$$;

-- The won-from-marketing count, filled once (see above), now that the handoffs are indexed and analysed again.
ALTER TABLE handoff ENABLE TRIGGER marketing_won_count_handoff_insert;
ANALYZE lead, handoff;
INSERT INTO marketing_won_day_delta (tenant_id, day, leads, deal_value)
SELECT l.tenant_id, (l.won_at AT TIME ZONE 'UTC')::date, count(*), sum(coalesce(l.deal_value, 0))
FROM lead l
WHERE l.stage = 'WON' AND l.won_at IS NOT NULL
  AND l.tenant_id IN (SELECT tenant_id FROM bench.workspace)
  AND EXISTS (SELECT 1 FROM handoff h WHERE h.tenant_id = l.tenant_id AND h.lead_id = l.id)
GROUP BY 1, 2;

COMMIT;

ANALYZE;
