package io.leadbridge.tenant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read-only transaction that may read a moment-old copy of the data: where a streaming replica is configured
 * ({@code leadbridge.replica.url}), it reads from the replica while the replica is up and no more than {@code
 * leadbridge.replica.max-lag} behind, else from the primary ({@link ReplicaRouting}). For pages that show figures and
 * lists (the dashboards, the lead list, the export), never for a page that must show what its own request or the one
 * before it just wrote. Put it beside {@code @Transactional(readOnly = true)}; without a replica it changes nothing.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MayLag {}
