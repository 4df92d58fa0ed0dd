package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.leadbridge.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI document describes the intake API and nothing else. */
@IntegrationTest
class ApiDocumentTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theDocumentListsTheIntakeApiOnly() throws Exception {
        String document = mvc.perform(get("/v3/api-docs").header("Host", "evil.example"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        Map<String, Object> paths = JsonPath.read(document, "$.paths");
        assertThat(paths.keySet())
                .containsExactlyInAnyOrder("/api/v1/leads", "/api/v1/leads/batch", "/api/v1/leads/{id}")
                .allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
        assertThat(document).doesNotContain("/activity").doesNotContain("evil.example");
        assertThat((String) JsonPath.read(document, "$.servers[0].url")).isEqualTo("/");
    }

    @Test
    void everyAnswerTheApiGivesIsDocumentedWithProblemDetailsForErrors() throws Exception {
        String document = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        Map<String, Object> create = JsonPath.read(document, "$.paths['/api/v1/leads'].post.responses");
        assertThat(create).containsKeys("201", "400", "401", "409", "413", "415", "422");
        Map<String, Object> batch = JsonPath.read(document, "$.paths['/api/v1/leads/batch'].post.responses");
        assertThat(batch).containsKeys("200", "400", "401", "409", "413", "415", "422");
        Map<String, Object> read = JsonPath.read(document, "$.paths['/api/v1/leads/{id}'].get.responses");
        assertThat(read).containsKeys("200", "401", "404");

        for (String code : List.of("400", "401", "409", "413", "415", "422")) {
            assertThat((String) JsonPath.read(
                            document,
                            "$.paths['/api/v1/leads'].post.responses['" + code
                                    + "'].content['application/problem+json'].schema['$ref']"))
                    .as(code)
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat((String) JsonPath.read(
                        document,
                        "$.paths['/api/v1/leads/{id}'].get.responses['404'].content['application/problem+json']"
                                + ".schema['$ref']"))
                .isEqualTo("#/components/schemas/Problem");
        Map<String, Object> problem = JsonPath.read(document, "$.components.schemas.Problem.properties");
        assertThat(problem).containsKeys("type", "title", "status", "detail", "errors");
    }

    @Test
    void swaggerUiRunsUnderAPolicyOfItsOwnWhileEveryOtherPageKeepsTheStrictOne() throws Exception {
        String ui = mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("Content-Security-Policy");
        assertThat(ui)
                .contains("style-src 'self' 'unsafe-inline'")
                .contains("script-src 'self';")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'");
        mvc.perform(get("/swagger-ui.html"))
                .andExpect(result -> assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                        .contains("style-src 'self' 'unsafe-inline'"));

        for (String page : List.of("/login", "/signup", "/v3/api-docs", "/css/app.css")) {
            String policy = mvc.perform(get(page)).andReturn().getResponse().getHeader("Content-Security-Policy");
            assertThat(policy).as(page).contains("style-src 'self';").doesNotContain("unsafe-inline");
        }
    }
}
