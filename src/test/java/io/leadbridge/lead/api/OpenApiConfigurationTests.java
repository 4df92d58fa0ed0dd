package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.web.PublicBaseUrl;
import io.swagger.v3.oas.models.servers.Server;
import org.junit.jupiter.api.Test;

class OpenApiConfigurationTests {

    @Test
    void theDocumentsServerIsThePublicAddressOrRelative() {
        OpenApiConfiguration configuration = new OpenApiConfiguration();

        assertThat(configuration
                        .leadBridgeApi(new PublicBaseUrl("https://leadbridge.example.com/"))
                        .getServers())
                .extracting(Server::getUrl)
                .containsExactly("https://leadbridge.example.com");
        assertThat(configuration.leadBridgeApi(new PublicBaseUrl("")).getServers())
                .extracting(Server::getUrl)
                .containsExactly("/");
    }
}
