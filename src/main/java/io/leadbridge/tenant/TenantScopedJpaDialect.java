package io.leadbridge.tenant;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.Session;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionDefinition;

/**
 * Sets {@code app.tenant_id} for each transaction, transaction-local ({@code set_config(..., true)}), from the tenant
 * of the Hibernate session. Row-level security reads it; a session-level {@code SET} would leak through the pool.
 * JDBC work in the same transaction (JdbcClient) shares the connection and so the setting. A transaction without a
 * tenant is refused: work must say which workspace it is for.
 */
class TenantScopedJpaDialect extends HibernateJpaDialect {

    @Override
    public Object beginTransaction(EntityManager entityManager, TransactionDefinition definition) throws SQLException {
        Session session = entityManager.unwrap(Session.class);
        Object tenant = session.getTenantIdentifierValue();
        if (tenant == null || TenantIdentifierResolver.NO_TENANT.equals(tenant)) {
            throw new CurrentTenant.MissingTenantException();
        }
        Object transactionData = super.beginTransaction(entityManager, definition);
        session.doWork(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                statement.setString(1, tenant.toString());
                statement.execute();
            }
        });
        return transactionData;
    }
}
