/**
 * The two answers every module gives alike: a {@link io.leadbridge.shared.Refusal} (a rule said no, with a message
 * code and the fields it concerns) and {@link io.leadbridge.shared.NotFoundException} (nothing by that id in this
 * workspace). Depends on nothing; every module may use it, and the web shell alone turns them into pages, flashes and
 * problem details. Beside them one piece of arithmetic that more than one module needs: {@link
 * io.leadbridge.shared.DaySplit}, a period split into the whole UTC days its kept day counts cover and the partial days
 * at its edges; and one piece of infrastructure that two modules need: {@link io.leadbridge.shared.PostgresChannel}, a
 * PostgreSQL {@code LISTEN/NOTIFY} channel listened to on a connection of its own, with its check and its reconnect (the
 * live relay's and the session evictions').
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Shared answers",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.leadbridge.shared;
