package io.leadbridge.handoff;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The SLA watch runs on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HandoffConfiguration {}
