package io.leadbridge.tenant;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * A read replica where one is configured ({@code leadbridge.replica.url}, e.g. {@code LEADBRIDGE_REPLICA_URL}): a pool
 * of its own on the replica, as the application's role (a streaming replica has the primary's roles), and the
 * application's data source routing the {@link MayLag} reads there ({@link ReplicaRouting}). Without the setting the
 * beans below are there but idle ({@link ReplicaHealth#none()}): no pool, no routing, every read goes to the primary.
 * The setting is read at start, not by a condition on the beans: with Spring AOT the set of beans is fixed when the
 * application is built (docs/adr/0033).
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    /** The replica's pool, and whether it serves: closed with the application. */
    @Bean(destroyMethod = "close")
    static ReplicaHealth replicaHealth(Environment environment, DataSourceProperties primary) {
        if (!StringUtils.hasText(environment.getProperty("leadbridge.replica.url"))) {
            return ReplicaHealth.none();
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("replica");
        pool.setJdbcUrl(environment.getRequiredProperty("leadbridge.replica.url"));
        pool.setUsername(environment.getProperty("leadbridge.replica.username", primary.getUsername()));
        pool.setPassword(environment.getProperty("leadbridge.replica.password", primary.determinePassword()));
        pool.setMaximumPoolSize(environment.getProperty("leadbridge.replica.maximum-pool-size", Integer.class, 10));
        pool.setReadOnly(true);
        // A replica that is down must not hold up a page: the routing falls back to the primary at once.
        pool.setConnectionTimeout(Duration.ofSeconds(1).toMillis());
        pool.setInitializationFailTimeout(-1);
        return new ReplicaHealth(
                pool,
                environment.getProperty("leadbridge.replica.max-lag", Duration.class, ReplicaRouting.DEFAULT_MAX_LAG),
                environment.getProperty("leadbridge.replica.require-standby", Boolean.class, true));
    }

    /** Whether the replica serves, and how far behind it was, from the start (not only once a read was routed). */
    @Bean
    static io.micrometer.core.instrument.binder.MeterBinder replicaMeters(ReplicaHealth health) {
        return registry -> {
            if (!health.configured()) {
                return;
            }
            io.micrometer.core.instrument.Gauge.builder("leadbridge.replica.usable", health, h -> h.usable() ? 1 : 0)
                    .description("Whether reads that may lag go to the replica (1) or to the primary (0)")
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder("leadbridge.replica.lag", health, ReplicaHealth::lagSeconds)
                    .description("How far the replica was behind at its last check, in seconds (-1: unreachable)")
                    .baseUnit("seconds")
                    .register(registry);
        };
    }

    /** The application's data source (Boot's pool on the primary) becomes the routing one. */
    @Bean
    static BeanPostProcessor replicaRoutingDataSource(
            ObjectProvider<ReplicaHealth> health, ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource primary
                        && name.equals("dataSource")
                        && health.getObject().configured()) {
                    return new ReplicaRouting(primary, health.getObject(), meters);
                }
                return bean;
            }
        };
    }

    /** Runs each method marked {@link MayLag} with its reads routed, around (before) its transaction. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor mayLagAdvisor(ObjectProvider<DataSource> dataSource, ObjectProvider<ReplicaHealth> health) {
        MethodInterceptor routed = invocation -> {
            if (!health.getObject().configured()) {
                return invocation.proceed();
            }
            ReplicaRouting routing = dataSource.getObject().unwrap(ReplicaRouting.class);
            MethodInvocation again = ((ProxyMethodInvocation) invocation).invocableClone();
            return routing.mayLag(invocation::proceed, again::proceed);
        };
        DefaultPointcutAdvisor advisor =
                new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(MayLag.class), routed);
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }
}
