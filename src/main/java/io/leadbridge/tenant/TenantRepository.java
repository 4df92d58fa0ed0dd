package io.leadbridge.tenant;

import java.util.UUID;
import org.springframework.data.repository.CrudRepository;

interface TenantRepository extends CrudRepository<Tenant, UUID> {}
