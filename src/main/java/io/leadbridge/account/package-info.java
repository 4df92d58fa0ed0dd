/** People, roles, sign-up and sign-in, and the administration of a workspace's people. */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package io.leadbridge.account;
