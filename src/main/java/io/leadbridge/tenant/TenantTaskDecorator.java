package io.leadbridge.tenant;

import java.util.Optional;
import java.util.UUID;
import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

/**
 * Work handed to Boot's task executor (the asynchronous event listeners) runs in the workspace of the code that handed
 * it over: a transaction without a workspace is refused ({@link TenantScopedJpaDialect}), and the event publication
 * registry marks a publication completed or failed in a transaction of the listener's thread. Boot applies the one
 * {@link TaskDecorator} bean to its executor.
 */
@Component
class TenantTaskDecorator implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable task) {
        Optional<UUID> tenant = CurrentTenant.id();
        return tenant.<Runnable>map(id -> () -> CurrentTenant.runAs(id, task)).orElse(task);
    }
}
