package io.leadbridge.lead.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, with its UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI leadBridgeApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("LeadBridge intake API")
                        .version("v1")
                        .description("Send leads to your LeadBridge workspace. Authenticate with an API key from"
                                + " /admin/api-keys as 'Authorization: Bearer lb_…'. Errors are RFC 9457 problem"
                                + " details."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("lb_<id>_<secret>")));
    }
}
