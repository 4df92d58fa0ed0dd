package io.leadbridge.support;

import io.leadbridge.account.ApiKeyManagement;
import io.leadbridge.account.ApiKeyManagement.CreatedKey;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.tenant.CurrentTenant;
import org.springframework.boot.test.context.TestComponent;

/**
 * API keys for an {@link IntegrationTest}: a new key of a workspace, made by its admin as on the API keys page. A
 * client sends its {@link CreatedKey#value()} as {@code Authorization: Bearer …}. Inject it: {@code @Autowired
 * TestApiKeys apiKeys;}.
 */
@TestComponent
public class TestApiKeys {

    private final ApiKeyManagement keys;

    TestApiKeys(ApiKeyManagement keys) {
        this.keys = keys;
    }

    public CreatedKey create(TestWorkspace workspace, String name) {
        return CurrentTenant.callAs(
                workspace.tenantId(), () -> keys.create(name, workspace.admin().accountId()));
    }
}
