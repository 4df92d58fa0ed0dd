package io.leadbridge.tenant;

import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs every listener of a {@link TenantEvent} that works outside the publisher's transaction (an
 * {@code @ApplicationModuleListener}, or a {@code @TransactionalEventListener} after the commit) in the event's
 * workspace, {@link CurrentTenant#callAs as if it had said so itself}. A listener is then a plain method with the
 * transaction it declares (an {@code @ApplicationModuleListener}'s own {@code REQUIRES_NEW} one):
 *
 * <pre>{@code
 * @ApplicationModuleListener
 * void on(HandoffAccepted accepted) { notifications.notify(...); }
 * }</pre>
 *
 * <p>The workspace is set before anything else of the listener's proxy runs, and so before its transaction begins:
 * Hibernate takes the session's tenant when the transaction opens it, and {@link TenantScopedJpaDialect} sets {@code
 * app.tenant_id}, which row-level security reads, at the start of the transaction. It is set also around Spring
 * Modulith's marking of the publication as completed or failed (an advisor ordered just after this one), which needs a
 * transaction of its own. On the thread of an asynchronous listener it runs after {@code @Async}'s hand-over (Spring
 * puts that advice first), so it is the listener's thread that carries the workspace. The event's workspace wins over
 * the one the thread may carry: a resubmitted publication (docs/adr/0008) or a hand-over ({@link TenantTaskDecorator})
 * works for the workspace the event happened in.
 *
 * <p>A listener before the commit, or a plain {@code @EventListener}, runs inside the publisher's transaction and so in
 * its workspace already; it is left alone.
 */
@Configuration(proxyBeanMethods = false)
class TenantEventListeners {

    /** Before Spring Modulith's completion registering advisor ({@code HIGHEST_PRECEDENCE + 10}). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor tenantEventListenerScope() {
        return new Scope();
    }

    /** The methods that listen to a {@link TenantEvent} after (or without) the publisher's transaction. */
    static boolean listensAfterTheTransaction(Method method) {
        TransactionalEventListener listener =
                AnnotatedElementUtils.findMergedAnnotation(method, TransactionalEventListener.class);
        return listener != null
                && listener.phase() != TransactionPhase.BEFORE_COMMIT
                && method.getParameterCount() == 1
                && TenantEvent.class.isAssignableFrom(method.getParameterTypes()[0]);
    }

    private static final class Scope extends StaticMethodMatcherPointcutAdvisor implements MethodInterceptor {

        private static final long serialVersionUID = 1L;

        Scope() {
            setAdvice(this);
            setOrder(ORDER);
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return listensAfterTheTransaction(method);
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (!(invocation.getArguments()[0] instanceof TenantEvent event)) {
                return invocation.proceed();
            }
            Object[] result = new Object[1];
            Throwable[] failure = new Throwable[1];
            CurrentTenant.runAs(event.tenantId(), () -> {
                try {
                    result[0] = invocation.proceed();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return result[0];
        }
    }
}
