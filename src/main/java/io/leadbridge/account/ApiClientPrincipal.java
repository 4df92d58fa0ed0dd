package io.leadbridge.account;

import io.leadbridge.account.ApiKeyManagement.ApiClient;
import io.leadbridge.tenant.TenantPrincipal;
import java.util.UUID;

/** A program calling the API with a workspace's key; its tenant comes from the key alone. */
public record ApiClientPrincipal(UUID keyId, UUID tenantId, String keyName) implements TenantPrincipal {

    static ApiClientPrincipal of(ApiClient client) {
        return new ApiClientPrincipal(client.keyId(), client.tenantId(), client.name());
    }
}
