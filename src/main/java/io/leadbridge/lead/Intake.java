package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.lead.LeadProblem.FieldProblem;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leads arriving through the intake API, with safe retries: a request carrying an {@code Idempotency-Key} (or, for a
 * single lead, an {@code externalId}) is answered once; a retry gets the original answer and creates nothing. The key
 * is recorded with insert-on-conflict in the very transaction that creates the lead, so concurrent retries cannot
 * create two.
 */
@Service
public class Intake {

    public static final int BATCH_LIMIT = 1_000;

    private final LeadManagement leads;
    private final LeadBulk bulk;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    Intake(LeadManagement leads, LeadBulk bulk, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.leads = leads;
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** An answer as it went to the client, kept to answer retries identically. */
    public record Response(int status, String body, String location, boolean replayed) {}

    /** The same key came with a different request. */
    public static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("Idempotency key reused with a different request");
        }
    }

    /** The first request with this key is still running; the client may retry shortly. */
    public static final class KeyInFlight extends RuntimeException {
        KeyInFlight() {
            super("A request with this idempotency key is in progress");
        }
    }

    /** The outcome for one lead of a batch. */
    public sealed interface ItemResult {
        int index();

        record Created(int index, long id) implements ItemResult {}

        record Invalid(int index, List<FieldProblem> problems) implements ItemResult {}

        record Duplicate(int index, long existingId, String field) implements ItemResult {}
    }

    /** Receives one lead; {@code render} turns the created lead into the 201 answer that is stored for retries. */
    public Response receive(
            LeadInput raw,
            Stage stage,
            String idempotencyKey,
            String requestHash,
            Actor actor,
            Function<LeadView, Response> render) {
        LeadInput input = raw.normalized();
        // An external id that is no valid one is no key either: the lead is refused for it below.
        String externalId = input.getExternalId();
        boolean usableExternalId =
                externalId != null && externalId.length() <= 120 && PlainTexts.singleLine(externalId);
        String key = idempotencyKey != null ? idempotencyKey : usableExternalId ? "externalId:" + externalId : null;
        return LeadManagement.oneRetryOnRace(() -> transaction.execute(status -> {
            Optional<Response> earlier = claim(key, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Response response = render.apply(leads.createInTransaction(input, stage, null, actor, Channel.API));
            remember(key, requestHash, response);
            return response;
        }));
    }

    /**
     * Receives up to {@link #BATCH_LIMIT} leads in one transaction: the valid ones are created, each invalid or
     * duplicate one is reported with its index, and nothing else stops the batch. The whole batch is checked against
     * the workspace with two look-ups and written with batched inserts (see {@link LeadBulk}).
     */
    public Response receiveBatch(
            List<LeadInput> raw,
            String idempotencyKey,
            String requestHash,
            Actor actor,
            Function<List<ItemResult>, Response> render) {
        List<LeadInput> inputs = raw.stream().map(LeadInput::normalized).toList();
        return LeadManagement.oneRetryOnRace(() -> transaction.execute(status -> {
            Optional<Response> earlier = claim(idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            List<String> codes = leads.industries();
            ItemResult[] results = new ItemResult[inputs.size()];
            Set<String> emails = new HashSet<>();
            Set<String> externalIds = new HashSet<>();
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                LeadInput input = inputs.get(i);
                List<FieldProblem> problems = leads.problems(input, codes);
                if (!problems.isEmpty()) {
                    results[i] = new ItemResult.Invalid(i, problems);
                } else if (!emails.add(input.getEmail().toLowerCase(Locale.ROOT))) {
                    results[i] = new ItemResult.Invalid(
                            i, List.of(new FieldProblem("email", "appears more than once in this batch")));
                } else if (input.getExternalId() != null && !externalIds.add(input.getExternalId())) {
                    results[i] = new ItemResult.Invalid(
                            i, List.of(new FieldProblem("externalId", "appears more than once in this batch")));
                } else {
                    candidates.add(i);
                }
            }
            // The workspace's duplicates of the whole batch in two look-ups, then the new leads in a few statements.
            List<LeadBulk.Taken> taken =
                    bulk.taken(candidates.stream().map(inputs::get).toList());
            List<Integer> creating = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                int i = candidates.get(k);
                LeadBulk.Taken duplicate = taken.get(k);
                if (duplicate != null) {
                    results[i] = new ItemResult.Duplicate(i, duplicate.leadId(), duplicate.field());
                } else {
                    creating.add(i);
                }
            }
            List<Long> ids =
                    bulk.create(creating.stream().map(inputs::get).toList(), actor, Channel.API, null, written -> {});
            for (int k = 0; k < creating.size(); k++) {
                results[creating.get(k)] = new ItemResult.Created(creating.get(k), ids.get(k));
            }
            Response response = render.apply(List.of(results));
            remember(idempotencyKey, requestHash, response);
            return response;
        }));
    }

    /**
     * Takes the key for this transaction. Another transaction holding it means the first request is still running
     * ({@link KeyInFlight}); an answer stored under it is replayed if the request is the same, refused if not.
     */
    private Optional<Response> claim(String key, String requestHash) {
        if (key == null) {
            return Optional.empty();
        }
        String tenant = CurrentTenant.require().toString();
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))")
                .params(tenant, key)
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(locked)) {
            throw new KeyInFlight();
        }
        return jdbc.sql("""
                        select request_hash, response_status, response_body, location from idempotent_request
                        where tenant_id = ? and idempotency_key = ?
                        """)
                .params(CurrentTenant.require(), key)
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        throw new KeyReused();
                    }
                    return new Response(
                            rs.getInt("response_status"),
                            rs.getString("response_body"),
                            rs.getString("location"),
                            true);
                })
                .optional();
    }

    private void remember(String key, String requestHash, Response response) {
        if (key == null) {
            return;
        }
        int inserted = jdbc.sql("""
                        insert into idempotent_request
                            (tenant_id, idempotency_key, request_hash, response_status, response_body, location)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, idempotency_key) do nothing
                        """)
                .params(
                        CurrentTenant.require(),
                        key,
                        requestHash,
                        response.status(),
                        response.body(),
                        response.location())
                .update();
        if (inserted == 0) {
            // Held the key's lock, yet a row appeared: never answer twice; let the retry replay it.
            throw new KeyInFlight();
        }
    }
}
