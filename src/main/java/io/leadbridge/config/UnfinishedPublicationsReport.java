package io.leadbridge.config;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.MergedBeanDefinitionPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At shutdown, names the event publications still incomplete (their listeners run again after the next start, {@link
 * IncompletePublicationsResubmission}). Spring Modulith's registry reports them in its own {@code destroy()}, but reads
 * them in a transaction, and a transaction needs a workspace here; at shutdown there is none, so that read failed and
 * every close of the application logged a warning ("Invocation of destroy method failed on bean with name
 * 'eventPublicationRegistry'"). {@code event_publication} has no row-level security: this report reads it without a
 * transaction, and the registry's own {@code destroy()} is no longer called ({@link RegistryDestroyReplaced}).
 */
@Component
class UnfinishedPublicationsReport implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedPublicationsReport.class);

    private final JdbcClient jdbc;

    UnfinishedPublicationsReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs before the data source closes: this bean depends on it. */
    @Override
    public void destroy() {
        List<String> unfinished = jdbc.sql("""
                        select count(*) || ' x ' || event_type || ' - ' || listener_id from event_publication
                        where completion_date is null group by event_type, listener_id order by event_type, listener_id
                        """).query(String.class).list();
        if (!unfinished.isEmpty()) {
            log.info(
                    "Shutting down with event publications unfinished (they run again after the next start): {}",
                    unfinished);
        }
    }

    /**
     * Spring calls the registry's {@code destroy()} no more: the report above takes its place. The registry is Spring
     * Modulith's bean of that name ({@code EventPublicationConfiguration}); its class is not on the compile classpath.
     */
    @Component
    static class RegistryDestroyReplaced implements MergedBeanDefinitionPostProcessor {

        static final String REGISTRY = "eventPublicationRegistry";

        @Override
        public void postProcessMergedBeanDefinition(RootBeanDefinition definition, Class<?> type, String name) {
            if (REGISTRY.equals(name) && DisposableBean.class.isAssignableFrom(type)) {
                definition.registerExternallyManagedDestroyMethod("destroy");
            }
        }
    }
}
