package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadImports;
import io.leadbridge.support.Generated;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Generated leads through the intake API, single and batch, against the real database (issue 15, Done-when): every
 * field gets values of every JSON type, control characters, huge strings, numbers where codes belong, fractions where
 * whole numbers belong, broken JSON. The only answers are 201/200 with what was created, or a problem+json 4xx that
 * names the bad fields; what the workspace holds afterwards is exactly what the answers said was created.
 */
@IntegrationTest
class IntakeFuzzTests {

    /** The lead's fields (as the CSV columns and the JSON name them), the stage, and one the API does not know. */
    static final List<String> FIELDS = java.util.stream.Stream.concat(
                    LeadImports.fields().stream(), java.util.stream.Stream.of("stage", "unknownField"))
            .toList();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    ObjectMapper json;

    static Object value(Generated gen) {
        return switch (gen.between(0, 9)) {
            case 0 -> gen.anyText(20);
            case 1 -> gen.letters(0, 12);
            case 2 -> gen.trickyText(4);
            case 3 -> gen.oneOf("NOW", "THIS_QUARTER", "MANUFACTURING", "DE", "de", "x".repeat(300), "\u0000", "");
            case 4 -> gen.between(-5, 20_000_000);
            case 5 -> gen.between(-1000, 50_000) / 100.0;
            case 6 -> gen.chance(0.5);
            case 7 -> null;
            case 8 -> List.of(1, "a");
            default -> Map.of("nested", "object");
        };
    }

    static Map<String, Object> lead(Generated gen, String run) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put(
                "email",
                gen.chance(0.8)
                        ? "i" + gen.between(0, 30) + "-" + run + "@intake.example"
                        : gen.oneOf("<a@b.example>", ".a@b.example", "a@-b.example", "not an address", "a@b"));
        lead.put("companyName", "Intake Fuzz GmbH");
        for (int n = gen.between(0, 6); n > 0; n--) {
            lead.put(gen.oneOf(FIELDS), value(gen));
        }
        return lead;
    }

    @Test
    void generatedLeadsAreCreatedOrRefusedWithAProblemNamingTheFieldsAndNothingElse() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String key = apiKeys.create(workspace, "Fuzz").value();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long created = 0;

        Generated gen = Generated.fresh();
        for (int i = 0; i < 250; i++) {
            String body = json.writeValueAsString(lead(gen, run));
            MockHttpServletResponse answer = send("/api/v1/leads", body, key);
            if (answer.getStatus() == 201) {
                created++;
            } else {
                assertProblem(answer, gen.label(i, body));
            }
        }

        for (int i = 0; i < 25; i++) {
            List<Map<String, Object>> batch = gen.listOf(1, 8, g -> lead(g, run));
            batch.forEach(lead -> lead.remove("stage"));
            String body = json.writeValueAsString(Map.of("leads", batch));
            MockHttpServletResponse answer = send("/api/v1/leads/batch", body, key);
            if (answer.getStatus() == 200) {
                JsonNode result = json.readTree(answer.getContentAsString());
                created += result.get("created").asLong();
                for (JsonNode item : result.get("results")) {
                    if (item.get("status").asString().equals("invalid")) {
                        assertThat(item.get("errors").size())
                                .as(gen.label(i, body))
                                .isPositive();
                    }
                }
            } else {
                assertProblem(answer, gen.label(i, body));
            }
        }

        for (String broken : List.of(
                "{",
                "{\"email\": \"a@b.example\", \"companyName\": \"\u0000\"",
                "[1,2]",
                "null",
                "\"just a string\"",
                "{\"leads\": 5}",
                "{\"email\": 1e999}")) {
            assertProblem(send("/api/v1/leads", broken, key), broken);
            assertProblem(send("/api/v1/leads/batch", broken, key), broken);
        }

        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .as("the workspace holds exactly the leads the answers said were created")
                .isEqualTo(created);
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and (company_name ~ '[\\x01-\\x1f\\x7f]'"
                                + " or coalesce(first_name, '') ~ '[\\x01-\\x1f\\x7f]'"
                                + " or coalesce(department, '') ~ '[\\x01-\\x1f\\x7f]')",
                        workspace.tenantId()))
                .isZero();
    }

    private MockHttpServletResponse send(String path, String body, String key) throws Exception {
        return mvc.perform(post(path)
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    /** A client error answered as RFC 9457 problem details; a 400 names each bad field. */
    private void assertProblem(MockHttpServletResponse answer, String body) throws Exception {
        assertThat(answer.getStatus()).as(body).isBetween(400, 499);
        assertThat(answer.getContentType()).as(body).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.getContentAsString());
        assertThat(problem.get("status").asInt()).as(body).isEqualTo(answer.getStatus());
        if (answer.getStatus() == 400 && problem.has("errors")) {
            for (JsonNode error : problem.get("errors")) {
                assertThat(error.get("field").asString()).as(body).isNotBlank();
                assertThat(error.get("message").asString()).as(body).isNotBlank();
            }
        }
    }
}
