package io.leadbridge.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface AccountRepository extends CrudRepository<Account, Long> {

    Optional<Account> findById(Long id);

    /** Whether someone of the workspace has this e-mail address (in any case). */
    @Query("select count(a) > 0 from Account a where lower(a.email) = lower(:email)")
    boolean existsByEmail(@Param("email") String email);

    /** Locks the workspace's active admins, so two admins demoting each other cannot leave none. */
    @Query(
            value = "select id from account where active and 'ADMIN' = any(roles) order by id for update",
            nativeQuery = true)
    List<Long> lockActiveAdmins();
}
