package io.leadbridge.lead.api;

import io.leadbridge.web.PublicBaseUrl;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigParameters;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.providers.SpringWebProvider;
import org.springdoc.webmvc.ui.SwaggerWelcomeWebMvc;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OpenAPI document at {@code /v3/api-docs}, with its UI at {@code /swagger-ui.html}. Its addresses come from
 * {@code leadbridge.public-base-url}, or are relative: springdoc would otherwise build them from the request's
 * {@code Host} and {@code X-Forwarded-*} headers, from any client.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI leadBridgeApi(PublicBaseUrl publicBaseUrl) {
        return new OpenAPI()
                .info(new Info()
                        .title("LeadBridge intake API")
                        .version("v1")
                        .description("Send leads to your LeadBridge workspace. Authenticate with an API key from"
                                + " /admin/api-keys as 'Authorization: Bearer lb_…'. Errors are RFC 9457 problem"
                                + " details."))
                .servers(List.of(new Server().url(publicBaseUrl.value().orElse("/"))))
                .components(new Components()
                        .addSchemas(PROBLEM, problemSchema())
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("lb_<id>_<secret>")));
    }

    /**
     * The answers every operation of the API can give, documented once: 401 for a missing or unknown key, and for an
     * operation that takes a body, 413 for one too large and 415 for one that is not JSON.
     */
    @Bean
    OperationCustomizer commonProblemAnswers() {
        return (operation, handlerMethod) -> {
            ApiResponses responses = operation.getResponses();
            if (responses == null) {
                responses = new ApiResponses();
                operation.setResponses(responses);
            }
            responses.putIfAbsent("401", problem("No API key, or one that is unknown or revoked"));
            if (operation.getRequestBody() != null) {
                responses.putIfAbsent("413", problem("The body is larger than the API accepts"));
                responses.putIfAbsent("415", problem("The body is not application/json"));
            }
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** The name of the RFC 9457 problem details schema every error answer of the API refers to. */
    static final String PROBLEM = "Problem";

    /** An RFC 9457 problem, with the extensions the API adds ({@code errors}, one per invalid field, and more). */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().example("email"))
                .addProperty("message", new StringSchema().example("must be a valid e-mail address"));
        return new ObjectSchema()
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema().example("Invalid lead"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("Some fields are not valid."))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty(
                        "errors", new ArraySchema().items(fieldError).description("One entry per invalid field (400)"))
                .addProperty("field", new StringSchema().description("The field that made a duplicate (409)"))
                .addProperty("existingId", new IntegerSchema().format("int64").description("The existing lead (409)"))
                .addProperty("existingLead", new StringSchema().description("The existing lead's address (409)"))
                .addProperty("retryable", new BooleanSchema().description("Retry shortly (409, request in progress)"));
    }

    /** The UI's configuration names its OAuth2 redirect page (unused here) at the public address, not the request's. */
    @Bean
    SwaggerWelcomeWebMvc swaggerWelcome(
            SwaggerUiConfigProperties swaggerUiConfig,
            SpringDocConfigProperties springDocConfig,
            ObjectProvider<SpringWebProvider> springWebProvider,
            PublicBaseUrl publicBaseUrl) {
        return new SwaggerWelcomeWebMvc(swaggerUiConfig, springDocConfig, springWebProvider) {
            @Override
            protected void calculateOauth2RedirectUrl(
                    SwaggerUiConfigParameters parameters, UriComponentsBuilder fromRequest) {
                String path = fromRequest.build().getPath();
                super.calculateOauth2RedirectUrl(
                        parameters,
                        UriComponentsBuilder.fromUriString(publicBaseUrl.resolve(path == null ? "" : path)));
            }
        };
    }
}
