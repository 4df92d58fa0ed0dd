package io.leadbridge.tenant;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Wires tenancy into the persistence stack.
 *
 * <p>Two database users: the pool logs in as the application's own role ({@code spring.datasource.username}, {@code
 * leadbridge_app}), which row-level security binds; Flyway connects as the owner ({@code spring.flyway.user}), Spring
 * Boot giving it connections of its own. As the owner, before migrating, the database is created if it is missing;
 * after migrating, the application role's configured password is set ({@link ApplicationRolePassword}). Before the
 * application serves, {@link ApplicationRoleCheck} makes sure the pool is not logged in as a role that row-level
 * security does not bind.
 */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    @Bean
    FlywayConfigurationCustomizer createDatabaseFirst(FlywayConnectionDetails owner, JdbcConnectionDetails database) {
        // Without a URL of its own Flyway uses the pool's URL with the owner's credentials, as Spring Boot does.
        String url = owner.getJdbcUrl() != null ? owner.getJdbcUrl() : database.getJdbcUrl();
        String user = owner.getUsername() != null ? owner.getUsername() : database.getUsername();
        String password = owner.getUsername() != null ? owner.getPassword() : database.getPassword();
        return configuration -> LocalDatabase.ensureExists(url, user, password);
    }

    @Bean
    ApplicationRolePassword applicationRolePassword(JdbcConnectionDetails database) {
        return new ApplicationRolePassword(database.getUsername(), database.getPassword());
    }

    @Bean
    static BeanPostProcessor tenantScopedJpaDialect() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractEntityManagerFactoryBean factory) {
                    factory.setJpaDialect(new TenantScopedJpaDialect());
                }
                return bean;
            }
        };
    }
}
