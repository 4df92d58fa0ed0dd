package io.leadbridge.lead;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface LeadRepository extends JpaRepository<Lead, Long> {

    @Query("select l from Lead l where lower(l.email) = lower(:email)")
    Optional<Lead> findByEmailIgnoringCase(@Param("email") String email);

    Optional<Lead> findBySubmissionKey(UUID submissionKey);

    Optional<Lead> findByExternalId(String externalId);
}
