package io.leadbridge.lead.api;

import io.leadbridge.web.PublicBaseUrl;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
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
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("lb_<id>_<secret>")));
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
