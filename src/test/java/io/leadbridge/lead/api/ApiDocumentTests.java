package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.leadbridge.support.IntegrationTest;
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
}
