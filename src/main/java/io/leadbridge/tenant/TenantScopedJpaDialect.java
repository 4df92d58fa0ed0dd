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
        // The connection is taken here (Hibernate's begin), for the whole transaction: a read-only one in a method
        // marked @MayLag may take the replica's (ReplicaRouting).
        Object[] transactionData = new Object[1];
        // With the connection acquired lazily (hibernate.connection.handling_mode), Spring no longer marks it read-only
        // for a read-only transaction; PostgreSQL is told here instead, in the same statement (a transaction may
        // always turn read-only, also after its first query).
        String sql = definition.isReadOnly()
                ? "select set_config('app.tenant_id', ?, true), set_config('transaction_read_only', 'on', true)"
                : "select set_config('app.tenant_id', ?, true)";
        try {
            ReplicaRouting.beginning(
                    definition.isReadOnly(), () -> transactionData[0] = begin(entityManager, definition));
            session.doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, tenant.toString());
                    statement.execute();
                }
            });
        } catch (RuntimeException e) {
            // A connection that failed here fails as the database's, never as anything else: Spring MVC takes an
            // unexplained "broken pipe" for a browser that left, and answers an empty 200.
            throw translate(e);
        }
        return transactionData[0];
    }

    private Object begin(EntityManager entityManager, TransactionDefinition definition) {
        try {
            return super.beginTransaction(entityManager, definition);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(Exception e) {
        if (e instanceof org.springframework.dao.DataAccessException access) {
            return access;
        }
        if (e instanceof RuntimeException runtime) {
            org.springframework.dao.DataAccessException translated = translateExceptionIfPossible(runtime);
            if (translated != null) {
                return translated;
            }
        }
        SQLException sql =
                org.springframework.util.ClassUtils.isAssignableValue(SQLException.class, e) ? (SQLException) e : null;
        return sql != null
                ? new org.springframework.jdbc.support.SQLStateSQLExceptionTranslator().translate("begin", null, sql)
                : new org.springframework.dao.DataAccessResourceFailureException("The transaction could not begin", e);
    }
}
