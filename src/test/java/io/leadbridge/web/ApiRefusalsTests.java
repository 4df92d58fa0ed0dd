package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.shared.Refusal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A refusal as the API answers it: problem+json, 422 naming each wrong field in words, 409 for a change meanwhile. */
class ApiRefusalsTests {

    final StaticMessageSource messages = new StaticMessageSource();

    ApiRefusalsTests() {
        messages.addMessage("goal.targetInvalid", Locale.ENGLISH, "Enter a positive amount.");
        messages.addMessage("validation.size.max", Locale.ENGLISH, "Please use at most {0} characters.");
        messages.addMessage("goal.changedMeanwhile", Locale.ENGLISH, "Someone else changed this goal.");
    }

    @Test
    void wrongFieldsAre422WithEachFieldAndItsMessage() {
        Refusal refusal = Refusal.fields(List.of(
                new Refusal.FieldError("target", "goal.targetInvalid"),
                new Refusal.FieldError("name", "validation.size.max", List.of(120))));

        ResponseEntity<Object> answer = ApiRefusals.answer(refusal, messages, Locale.ENGLISH);

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getDetail()).isEqualTo("Some fields are not valid.");
        assertThat(problem.getProperties())
                .containsEntry(
                        "errors",
                        List.of(
                                Map.of("field", "target", "message", "Enter a positive amount."),
                                Map.of("field", "name", "message", "Please use at most 120 characters.")));
    }

    @Test
    void aChangeMeanwhileIs409WithItsMessageAndNoFields() {
        ResponseEntity<Object> answer =
                ApiRefusals.answer(Refusal.conflict("goal.changedMeanwhile"), messages, Locale.ENGLISH);

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getDetail()).isEqualTo("Someone else changed this goal.");
        assertThat(problem.getProperties() == null || !problem.getProperties().containsKey("errors"))
                .isTrue();
    }
}
