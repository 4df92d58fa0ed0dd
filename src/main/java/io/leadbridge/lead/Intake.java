package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.lead.LeadProblem.FieldProblem;
import io.leadbridge.privacy.ErasedPeople;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final LeadReturns returns;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    private final ErasedPeople erasedPeople;

    Intake(
            LeadManagement leads,
            LeadBulk bulk,
            LeadReturns returns,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            ErasedPeople erasedPeople) {
        this.erasedPeople = erasedPeople;
        this.leads = leads;
        this.bulk = bulk;
        this.returns = returns;
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

        /** The lead existed (the same e-mail address) and was updated with the fields sent. */
        record Updated(int index, long id) implements ItemResult {}
    }

    /** Receives one lead; {@code render} turns the created lead into the 201 answer that is stored for retries. */
    public Response receive(
            LeadInput raw,
            Stage stage,
            String idempotencyKey,
            String requestHash,
            Actor actor,
            Function<LeadView, Response> render) {
        return receive(raw, stage, OnExisting.REJECT, idempotencyKey, requestHash, actor, render, render);
    }

    /**
     * Receives one lead. With {@link OnExisting#UPDATE} a lead of the workspace with the same e-mail address (any case)
     * is updated with the fields sent ({@link LeadReturns}) and answered by {@code updated}; otherwise it is refused
     * as a duplicate, as always, and a new lead is answered by {@code created}. An update keyed by its external id
     * alone is keyed by the external id and the request: the same request again is a retry (replayed), a different one
     * for the same person is the person coming back again.
     */
    public Response receive(
            LeadInput raw,
            Stage stage,
            OnExisting onExisting,
            String idempotencyKey,
            String requestHash,
            Actor actor,
            Function<LeadView, Response> created,
            Function<LeadView, Response> updated) {
        LeadInput input = raw.normalized();
        // An external id that is no valid one is no key either: the lead is refused for it below.
        String externalId = input.getExternalId();
        boolean usableExternalId =
                externalId != null && externalId.length() <= 120 && PlainTexts.singleLine(externalId);
        boolean update = onExisting == OnExisting.UPDATE;
        String key = idempotencyKey != null
                ? idempotencyKey
                : usableExternalId ? "externalId:" + externalId + (update ? "#" + requestHash : "") : null;
        return retryOnReturnRace(() -> LeadManagement.oneRetryOnRace(() -> transaction.execute(status -> {
            Optional<Response> earlier = claim(key, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Response response = null;
            if (update && input.getEmail() != null) {
                LeadReturns.Existing existing = returns.byEmail(List.of(input.getEmail()), false)
                        .get(input.getEmail().toLowerCase(Locale.ROOT));
                if (existing != null) {
                    LeadReturns.Return back = new LeadReturns.Return(existing, raw);
                    LeadInput merged = back.merged();
                    List<FieldProblem> problems = leads.problems(merged);
                    if (!problems.isEmpty()) {
                        throw new LeadProblem.Invalid(problems);
                    }
                    LeadReturns.Existing holder = merged.getExternalId() == null
                            ? null
                            : returns.externalIdTakenFrom(
                                    merged, existing.id(), returns.byExternalId(List.of(merged.getExternalId())));
                    if (holder != null) {
                        throw new LeadProblem.Duplicate(holder.id(), holder.name(), "externalId");
                    }
                    returns.apply(List.of(back), actor, Channel.API, null);
                    response = updated.apply(leads.viewInTransaction(existing.id()));
                }
            }
            if (response == null) {
                response = created.apply(leads.createInTransaction(input, stage, null, actor, Channel.API));
            }
            remember(key, requestHash, response);
            return response;
        })));
    }

    /**
     * Two returns of the same person at once: the one whose lead moved on meanwhile runs once more on the lead as it is
     * now (and so both apply, one after the other); a third collision is answered as {@link
     * LeadProblem.ChangedWhileReturning} (409, retry).
     */
    private static <T> T retryOnReturnRace(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (LeadProblem.ChangedWhileReturning | org.springframework.dao.PessimisticLockingFailureException race) {
            return work.get();
        }
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
        return receiveBatch(raw, OnExisting.REJECT, idempotencyKey, requestHash, actor, render);
    }

    /**
     * The same; with {@link OnExisting#UPDATE} a lead whose e-mail address the workspace knows updates that lead with
     * the fields sent (checked as the lead it becomes) instead of being reported as a duplicate, all of them with one
     * look-up and one batched update ({@link LeadReturns}).
     */
    public Response receiveBatch(
            List<LeadInput> raw,
            OnExisting onExisting,
            String idempotencyKey,
            String requestHash,
            Actor actor,
            Function<List<ItemResult>, Response> render) {
        List<LeadInput> inputs = raw.stream().map(LeadInput::normalized).toList();
        boolean update = onExisting == OnExisting.UPDATE;
        return retryOnReturnRace(() -> LeadManagement.oneRetryOnRace(() -> transaction.execute(status -> {
            Optional<Response> earlier = claim(idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            List<String> codes = leads.industries();
            ItemResult[] results = new ItemResult[inputs.size()];
            // With updates, the workspace's leads of the batch's e-mail addresses first: such an item is checked as the
            // lead it would make of the existing one (it need not repeat what the lead holds).
            Map<String, LeadReturns.Existing> existing = update
                    ? returns.byEmail(
                            inputs.stream()
                                    .map(LeadInput::getEmail)
                                    .filter(java.util.Objects::nonNull)
                                    .toList(),
                            false)
                    : Map.of();
            Set<String> emails = new HashSet<>();
            Set<String> externalIds = new HashSet<>();
            List<Integer> candidates = new ArrayList<>();
            Map<Integer, LeadReturns.Return> updating = new LinkedHashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                LeadInput input = inputs.get(i);
                LeadReturns.Existing known = input.getEmail() == null
                        ? null
                        : existing.get(input.getEmail().toLowerCase(Locale.ROOT));
                LeadReturns.Return back = known == null ? null : new LeadReturns.Return(known, raw.get(i));
                List<FieldProblem> problems = leads.problems(back == null ? input : back.merged(), codes);
                if (!problems.isEmpty()) {
                    results[i] = new ItemResult.Invalid(i, problems);
                } else if (!emails.add(input.getEmail().toLowerCase(Locale.ROOT))) {
                    results[i] = new ItemResult.Invalid(
                            i, List.of(new FieldProblem("email", "appears more than once in this batch")));
                } else if (input.getExternalId() != null && !externalIds.add(input.getExternalId())) {
                    results[i] = new ItemResult.Invalid(
                            i, List.of(new FieldProblem("externalId", "appears more than once in this batch")));
                } else if (back != null) {
                    updating.put(i, back);
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
            // People erased from the workspace, of the whole batch in one look-up: created again only when confirmed.
            Set<String> erased = erasedPeople.erasedAmong(creating.stream()
                    .map(inputs::get)
                    .filter(input -> !Boolean.TRUE.equals(input.getConfirmErased()))
                    .map(LeadInput::getEmail)
                    .toList());
            if (!erased.isEmpty()) {
                creating.removeIf(i -> {
                    if (!erased.contains(inputs.get(i).getEmail().toLowerCase(Locale.ROOT))) {
                        return false;
                    }
                    results[i] = new ItemResult.Invalid(
                            i,
                            List.of(new FieldProblem(
                                    "email",
                                    "erased-person: belongs to a person erased from this workspace; confirmErased:"
                                            + " true creates the lead again")));
                    return true;
                });
            }
            if (!updating.isEmpty()) {
                Map<String, LeadReturns.Existing> holders = returns.byExternalId(updating.values().stream()
                        .map(back -> back.merged().getExternalId())
                        .filter(java.util.Objects::nonNull)
                        .toList());
                List<LeadReturns.Return> applying = new ArrayList<>();
                List<Integer> applied = new ArrayList<>();
                updating.forEach((i, back) -> {
                    LeadReturns.Existing holder = returns.externalIdTakenFrom(
                            back.merged(), back.existing().id(), holders);
                    if (holder != null) {
                        results[i] = new ItemResult.Duplicate(i, holder.id(), "externalId");
                    } else {
                        applying.add(back);
                        applied.add(i);
                    }
                });
                returns.apply(applying, actor, Channel.API, null);
                for (int k = 0; k < applied.size(); k++) {
                    results[applied.get(k)] = new ItemResult.Updated(
                            applied.get(k), applying.get(k).existing().id());
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
        })));
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
