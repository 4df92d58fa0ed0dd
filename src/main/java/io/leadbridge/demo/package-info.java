/** The demo workspace, seeded under the Spring profile {@code demo}. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo workspace")
package io.leadbridge.demo;
