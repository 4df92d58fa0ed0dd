package io.leadbridge.lead;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface LeadRepository extends JpaRepository<Lead, Long> {

    Optional<Lead> findBySubmissionKey(UUID submissionKey);

    /**
     * Locks the lead's row until the transaction ends ({@code select … for update}) and answers its version as the
     * database holds it now, however long ago this transaction loaded the lead: of two moves at once the second waits
     * here for the first to commit, and then sees the version the first left.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l.version from Lead l where l.tenantId = :tenant and l.id = :id")
    Optional<Long> lockVersion(@Param("tenant") UUID tenant, @Param("id") long id);
}
