package io.leadbridge.lead.api;

import io.leadbridge.account.ApiClientPrincipal;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Intake;
import io.leadbridge.lead.Intake.ItemResult;
import io.leadbridge.lead.Intake.Response;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadProblem;
import io.leadbridge.lead.LeadProblem.FieldProblem;
import io.leadbridge.lead.LeadResource;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.OnExisting;
import io.leadbridge.lead.Stage;
import io.leadbridge.text.PlainTexts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** The intake API: leads from marketing automation, web forms and other tools. */
@RestController
@RequestMapping(path = "/api/v1/leads", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Leads", description = "Send leads to LeadBridge and read them back")
@SecurityRequirement(name = "apiKey")
class LeadApiController {

    /** The header that says whether a lead was created or updated (issue 19). */
    static final String OUTCOME = "Lead-Outcome";

    static final String PROBLEM_REF = "#/components/schemas/" + OpenApiConfiguration.PROBLEM;

    static final Set<Stage> INITIAL_STAGES = EnumSet.of(Stage.NEW_INQUIRY, Stage.NURTURE, Stage.MARKETING_QUALIFIED);

    private final Intake intake;
    private final LeadManagement leads;
    private final ObjectMapper json;

    LeadApiController(Intake intake, LeadManagement leads, ObjectMapper json) {
        this.intake = intake;
        this.leads = leads;
        this.json = json;
    }

    @Operation(
            summary = "Create one lead, or update the lead of a person who comes back",
            description = "Answers 201 with the lead. With an Idempotency-Key header (or an externalId) a retry"
                    + " answers the original response and creates nothing; the same key with another body is 422;"
                    + " a retry while the first request still runs is 409 (retry shortly). With \"onExisting\":"
                    + " \"update\", a lead whose e-mail address the workspace knows updates that lead with the fields"
                    + " sent and answers 200 with the lead (header Lead-Outcome: updated); its timeline says it"
                    + " engaged again, it is evaluated again, and a lead in nurture that qualifies now is marked"
                    + " re-engaged and the workspace's marketers are notified. It stays in its stage.")
    @ApiResponses({
        @ApiResponse(
                responseCode = "200",
                description = "With onExisting update: the existing lead was updated (or, for a retry with the same"
                        + " key, was updated before)",
                headers = {
                    @Header(name = "Content-Location", description = "The lead's address"),
                    @Header(name = OUTCOME, description = "updated")
                },
                content =
                        @Content(
                                mediaType = "application/json",
                                schema = @Schema(implementation = LeadResource.class))),
        @ApiResponse(
                responseCode = "201",
                description = "The lead was created (or, for a retry with the same key, was created before)",
                headers = {
                    @Header(name = "Location", description = "The lead's address"),
                    @Header(name = OUTCOME, description = "created")
                },
                content =
                        @Content(
                                mediaType = "application/json",
                                schema = @Schema(implementation = LeadResource.class))),
        @ApiResponse(
                responseCode = "400",
                description = "Malformed JSON, or invalid fields (one entry per field in errors)",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF))),
        @ApiResponse(
                responseCode = "409",
                description =
                        "A lead with this e-mail or externalId exists already (without onExisting update; with it, only"
                                + " an externalId held by another lead), a request with this Idempotency-Key is still"
                                + " running, or the lead changed while it was updated (retryable: retry shortly)",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF))),
        @ApiResponse(
                responseCode = "422",
                description = "This Idempotency-Key (or externalId) was used for a different request",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF)))
    })
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(
            @RequestBody LeadRequest request,
            @Parameter(description = "Makes retries safe; scoped to your workspace")
                    @RequestHeader(value = "Idempotency-Key", required = false)
                    String idempotencyKey,
            @AuthenticationPrincipal ApiClientPrincipal client) {
        Stage stage;
        OnExisting onExisting;
        try {
            onExisting = onExisting(request.getOnExisting(), "onExisting");
            stage = stage(request, null);
        } catch (LeadProblem.InvalidRequest badStageOrOption) {
            List<FieldProblem> all = new ArrayList<>(leads.check(request));
            all.add(badStageOrOption.problem());
            throw new LeadProblem.Invalid(all);
        }
        String key = key(idempotencyKey);
        // The request's hash is kept with a key to tell a retry from another request; without a key (and without an
        // external id, which can be one) nothing reads it, and it would cost a second serialization of the request.
        Response response = intake.receive(
                request,
                stage,
                onExisting,
                key,
                key != null || request.getExternalId() != null ? hash(request) : null,
                actor(client),
                lead -> created(lead),
                lead -> updated(lead));
        return answer(response);
    }

    @Operation(
            summary = "Create up to 1,000 leads",
            description = "Answers 200 with one result per lead, in order: created, invalid (with the reasons) or"
                    + " duplicate (with the existing lead). Valid leads are created even when others are not. With"
                    + " \"onExisting\": \"update\" (top level), a lead whose e-mail address the workspace knows"
                    + " updates that lead with the fields sent and is reported as updated (with its id), as the"
                    + " single lead's update does.")
    @ApiResponses({
        @ApiResponse(
                responseCode = "200",
                description = "One result per lead, in order: created, updated, invalid or duplicate",
                content = @Content(mediaType = "application/json")),
        @ApiResponse(
                responseCode = "400",
                description = "Malformed JSON, no leads, more than 1,000, or a lead that is not an object",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF))),
        @ApiResponse(
                responseCode = "409",
                description = "A request with this Idempotency-Key is still running (retry shortly)",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF))),
        @ApiResponse(
                responseCode = "422",
                description = "This Idempotency-Key was used for a different request",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF)))
    })
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> createBatch(
            @RequestBody BatchRequest batch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal ApiClientPrincipal client) {
        if (batch == null || batch.leads() == null || batch.leads().isEmpty()) {
            throw new LeadProblem.InvalidRequest("leads", "must contain at least one lead");
        }
        if (batch.leads().size() > Intake.BATCH_LIMIT) {
            throw new LeadProblem.InvalidRequest("leads", "must contain at most " + Intake.BATCH_LIMIT + " leads");
        }
        for (int i = 0; i < batch.leads().size(); i++) {
            if (batch.leads().get(i) == null) {
                throw new LeadProblem.InvalidRequest("leads[" + i + "]", "must be a lead object");
            }
            if (batch.leads().get(i).getOnExisting() != null) {
                throw new LeadProblem.InvalidRequest(
                        "leads[" + i + "].onExisting", "is not accepted per lead; send onExisting with the batch");
            }
            if (batch.leads().get(i).getStage() != null) {
                throw new LeadProblem.InvalidRequest(
                        "leads[" + i + "].stage", "is not accepted in a batch; leads start as NEW_INQUIRY");
            }
        }
        OnExisting onExisting = onExisting(batch.onExisting(), "onExisting");
        String key = key(idempotencyKey);
        Response response = intake.receiveBatch(
                new ArrayList<>(batch.leads()),
                onExisting,
                key,
                key != null ? hash(batch) : null, // read only with a key (see create)
                actor(client),
                results -> new Response(200, json.writeValueAsString(batchBody(results)), null, false));
        return answer(response);
    }

    @Operation(summary = "Read one lead")
    @ApiResponses({
        @ApiResponse(
                responseCode = "200",
                description = "The lead",
                content =
                        @Content(
                                mediaType = "application/json",
                                schema = @Schema(implementation = LeadResource.class))),
        @ApiResponse(
                responseCode = "400",
                description = "The id is not a number",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF))),
        @ApiResponse(
                responseCode = "404",
                description = "No lead with this id in your workspace",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM_REF)))
    })
    @GetMapping("/{id}")
    LeadResource read(@PathVariable long id) {
        return LeadResource.of(leads.lead(id));
    }

    private Response created(LeadView lead) {
        return new Response(201, json.writeValueAsString(LeadResource.of(lead)), location(lead.id()), false);
    }

    private Response updated(LeadView lead) {
        return new Response(200, json.writeValueAsString(LeadResource.of(lead)), location(lead.id()), false);
    }

    /** {@code reject} (or nothing) and {@code update}, in any case; anything else names the field. */
    private static OnExisting onExisting(String value, String field) {
        if (value == null || value.isBlank()) {
            return OnExisting.REJECT;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "reject" -> OnExisting.REJECT;
            case "update" -> OnExisting.UPDATE;
            default -> throw new LeadProblem.InvalidRequest(field, "must be one of [reject, update]");
        };
    }

    private static String location(long id) {
        return "/api/v1/leads/" + id;
    }

    private static Map<String, Object> batchBody(List<ItemResult> results) {
        List<Map<String, Object>> items = new ArrayList<>();
        int created = 0;
        int updated = 0;
        for (ItemResult result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", result.index());
            if (result instanceof ItemResult.Created c) {
                created++;
                item.put("status", "created");
                item.put("id", c.id());
                item.put("location", location(c.id()));
            } else if (result instanceof ItemResult.Updated u) {
                updated++;
                item.put("status", "updated");
                item.put("id", u.id());
                item.put("location", location(u.id()));
            } else if (result instanceof ItemResult.Invalid invalid) {
                item.put("status", "invalid");
                item.put("errors", errors(invalid.problems()));
            } else if (result instanceof ItemResult.Duplicate duplicate) {
                item.put("status", "duplicate");
                item.put("field", duplicate.field());
                item.put("existingId", duplicate.existingId());
                item.put("existingLead", location(duplicate.existingId()));
            }
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", created);
        body.put("updated", updated);
        body.put("failed", results.size() - created - updated);
        body.put("results", items);
        return body;
    }

    static List<Map<String, String>> errors(List<FieldProblem> problems) {
        return problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList();
    }

    private static Stage stage(LeadRequest request, String path) {
        if (request.getStage() == null || request.getStage().isBlank()) {
            return null;
        }
        try {
            Stage stage = Stage.valueOf(request.getStage().strip());
            if (INITIAL_STAGES.contains(stage)) {
                return stage;
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw new LeadProblem.InvalidRequest(
                path == null ? "stage" : path + ".stage", "must be one of " + INITIAL_STAGES);
    }

    private static String key(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return null;
        }
        if (idempotencyKey.length() > 200) {
            throw new LeadProblem.InvalidRequest("Idempotency-Key", "must have at most 200 characters");
        }
        if (!PlainTexts.singleLine(idempotencyKey)) {
            throw new LeadProblem.InvalidRequest("Idempotency-Key", "must not contain control characters");
        }
        return "header:" + idempotencyKey.strip();
    }

    private String hash(Object request) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Actor actor(ApiClientPrincipal client) {
        return Actor.client(client.keyId(), client.keyName());
    }

    private static ResponseEntity<String> answer(Response response) {
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(HttpStatus.valueOf(response.status())).contentType(MediaType.APPLICATION_JSON);
        if (response.location() != null) {
            // A created lead is at its Location; an updated one is answered as it is there now.
            builder.header(
                    response.status() == 201 ? HttpHeaders.LOCATION : HttpHeaders.CONTENT_LOCATION,
                    response.location());
            builder.header(OUTCOME, response.status() == 201 ? "created" : "updated");
        }
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(response.body());
    }
}
