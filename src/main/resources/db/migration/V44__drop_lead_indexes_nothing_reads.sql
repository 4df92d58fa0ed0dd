-- The leads of one import and of one API key were indexed for the privacy export (V38), but no statement looks leads
-- up by either column: the export and the erasure find a person's leads by e-mail (lead_email_key), and the origin is
-- only ever read with the lead itself. Every imported lead paid an entry in the one index, every lead sent through the
-- API an entry in the other (issue 21 makes imports and intake faster; the lead table had fifteen indexes to write).
-- IF EXISTS: another change of the same round may drop them too.
DROP INDEX IF EXISTS lead_tenant_origin_import_idx;
DROP INDEX IF EXISTS lead_tenant_origin_api_key_idx;
