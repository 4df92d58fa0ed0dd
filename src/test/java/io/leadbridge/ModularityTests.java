package io.leadbridge;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.leadbridge.tenant.TenantEvent;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.event.TransactionalEventListener;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(LeadBridgeApplication.class);

    /** Where Modulith's Documenter writes in a Maven build; docs/modules holds a copy (see its README). */
    static final Path OUTPUT = Path.of("target", "spring-modulith-docs");

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * Writes the module documentation into target/spring-modulith-docs: the diagram of all modules and one per module
     * (who uses whom, who listens to whose events), each module's canvas (its API, the events it listens to) and
     * all-docs.adoc, which gathers them; then the event flows. The UML style, because the C4 style needs a newer
     * PlantUML than Debian's to render.
     */
    @Test
    void writesTheModuleDocumentation() throws IOException {
        new Documenter(MODULES)
                .writeDocumentation(DiagramOptions.defaults().withStyle(DiagramStyle.UML), CanvasOptions.defaults());
        writeEventFlows();
    }

    /**
     * Which module publishes which event and which modules listen to it: event-flows.adoc (a table) and
     * event-flows.puml (a diagram). Modulith's canvases name the events a module listens to, but the events it
     * publishes only when they are jMolecules domain events, which ours are not, and not a module's listeners to its
     * own events; so the flows are derived here from the code: an event is a {@link TenantEvent} or a type some
     * listener method takes, its publishers are the modules with a method that creates it and calls {@code
     * publishEvent}, and a listener of a type (e.g. {@code LeadEvent}) hears every event of that type.
     */
    static void writeEventFlows() throws IOException {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(LeadBridgeApplication.class.getPackageName());
        // Every listener method in the code, with what it listens to and when it runs.
        record Listener(String module, JavaClass type, String when) {}
        List<Listener> listeners = new ArrayList<>();
        for (JavaClass owner : classes) {
            for (JavaMethod method : owner.getMethods()) {
                if (method.getRawParameterTypes().size() == 1 && annotated(method, EventListener.class)) {
                    listeners.add(new Listener(
                            moduleOf(owner),
                            method.getRawParameterTypes().get(0),
                            annotated(method, ApplicationModuleListener.class)
                                    ? "after commit, async"
                                    : annotated(method, TransactionalEventListener.class)
                                            ? "after commit"
                                            : "in the transaction"));
                }
            }
        }
        TreeMap<String, JavaClass> events = new TreeMap<>();
        classes.get(TenantEvent.class).getAllSubclasses().forEach(type -> events.put(type.getName(), type));
        listeners.forEach(listener -> events.put(listener.type().getName(), listener.type()));
        events.values().removeIf(JavaClass::isInterface);

        StringBuilder table = new StringBuilder("""
                = Event flows

                Who publishes which event, and who listens to it (written by `ModularityTests`).

                [%autowidth.stretch, options="header"]
                |===
                |Event |Published by |Listened to by
                """);
        TreeMap<String, TreeSet<String>> arrows = new TreeMap<>();
        for (JavaClass event : events.values()) {
            TreeSet<String> publishers = publishers(classes, event);
            String publisher = publishers.isEmpty() ? moduleOf(event) : String.join(", ", publishers);
            TreeSet<String> heardBy = new TreeSet<>();
            for (Listener listener : listeners) {
                if (event.isAssignableTo(listener.type().getName())) {
                    heardBy.add("%s (%s)".formatted(listener.module(), listener.when()));
                    if (event.getPackageName().startsWith(LeadBridgeApplication.class.getPackageName())) {
                        for (String from : publishers.isEmpty() ? List.of(publisher) : publishers) {
                            arrows.computeIfAbsent(from + "|" + listener.module(), key -> new TreeSet<>())
                                    .add(event.getSimpleName());
                        }
                    }
                }
            }
            table.append("|`%s` |%s |%s%n"
                    .formatted(event.getName(), publisher, heardBy.isEmpty() ? "–" : String.join(", ", heardBy)));
        }
        table.append("|===\n\nimage::event-flows.svg[Event flows]\n");

        StringBuilder diagram = new StringBuilder("""
                @startuml
                title Event flows: publisher --> listener (events)
                skinparam componentStyle rectangle
                left to right direction
                """);
        arrows.forEach((pair, names) -> {
            String[] ends = pair.split("\\|");
            diagram.append("[%s] --> [%s] : %s%n".formatted(ends[0], ends[1], String.join("\\n", names)));
        });
        diagram.append("@enduml\n");

        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("event-flows.adoc"), table);
        Files.writeString(OUTPUT.resolve("event-flows.puml"), diagram);
    }

    /**
     * The modules with a method that creates the event and hands something to {@code publishEvent}: the publishers.
     * Empty when the event comes from outside (a framework's event) or is published some other way.
     */
    private static TreeSet<String> publishers(JavaClasses classes, JavaClass event) {
        TreeSet<String> modules = new TreeSet<>();
        for (JavaClass owner : classes) {
            for (JavaCodeUnit code : owner.getCodeUnits()) {
                boolean creates = code.getConstructorCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().equals(event));
                boolean publishes = code.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getName().equals("publishEvent")
                                && call.getTargetOwner().isAssignableTo(ApplicationEventPublisher.class));
                if (creates && publishes) {
                    modules.add(moduleOf(owner));
                }
            }
        }
        return modules;
    }

    private static String moduleOf(JavaClass type) {
        return MODULES.getModuleByType(type.getName())
                .map(ModularityTests::name)
                .orElse(type.getPackageName());
    }

    private static boolean annotated(JavaMethod method, Class<? extends Annotation> annotation) {
        return method.isAnnotatedWith(annotation) || method.isMetaAnnotatedWith(annotation);
    }

    private static String name(ApplicationModule module) {
        return module.getDisplayName();
    }
}
