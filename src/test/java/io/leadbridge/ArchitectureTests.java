package io.leadbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import java.util.regex.Pattern;
import org.hibernate.annotations.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** Rules the Modulith check does not cover. */
class ArchitectureTests {

    private static final Pattern AOT_GENERATED = Pattern.compile(".*/[^/]*(__|\\$\\$SpringCGLIB\\$\\$)[^/]*\\.class");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Not the code Spring AOT generates into target/classes at package time (docs/adr/0033): its registrations
            // name every bean of every package.
            .withImportOption(location -> !location.matches(AOT_GENERATED))
            .importPackages("io.leadbridge");

    @Test
    void repositoriesAreNotPublic() {
        classes()
                .that()
                .areAssignableTo(Repository.class)
                .should()
                .notBePublic()
                .check(CLASSES);
    }

    @Test
    void controllersLiveInWebPackages() {
        classes()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .should()
                .resideInAnyPackage("..web..", "..api..")
                .check(CLASSES);
    }

    @Test
    void everyEntityButTheTenantItselfCarriesATenantId() {
        classes()
                .that()
                .areAnnotatedWith(Entity.class)
                .and()
                .doNotHaveSimpleName("Tenant")
                .should(haveATenantIdField())
                .check(CLASSES);
    }

    private static ArchCondition<JavaClass> haveATenantIdField() {
        return new ArchCondition<>("have a field annotated with @TenantId") {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                boolean tenantOwned =
                        entity.getAllFields().stream().anyMatch(field -> field.isAnnotatedWith(TenantId.class));
                if (!tenantOwned) {
                    events.add(SimpleConditionEvent.violated(entity, entity.getName() + " has no @TenantId field"));
                }
            }
        };
    }

    @Test
    void tenantIdsAreNeverSetFromOutside() {
        fields().that().areAnnotatedWith(TenantId.class).should().notBePublic().check(CLASSES);
    }

    /**
     * Criteria evaluates leads and reads them through lead's published views; lead knows nothing of criteria (the
     * evaluation, the list's qualification filter and the lead page's panel come through lead's extension points).
     */
    @Test
    void theLeadModuleDoesNotDependOnCriteria() {
        noClasses()
                .that()
                .resideInAPackage("io.leadbridge.lead..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.leadbridge.criteria..")
                .check(CLASSES);
    }

    /**
     * The domain is free of the web shell: only a module's pages and API ({@code ..web..}, {@code ..api..}) may use
     * {@code io.leadbridge.web} (its form helpers, refusal mapping, page loads); services answer with
     * {@code io.leadbridge.shared} types and the web turns them into pages.
     */
    @Test
    void theDomainDoesNotDependOnTheWebShell() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..web..", "..api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.leadbridge.web..")
                .check(CLASSES);
    }

    /**
     * With Spring AOT the set of beans is decided when the jar is built (ADR 0033): a bean switched on or off by a
     * profile or a property at start would silently keep the build's choice. So no application class or bean method
     * carries {@code @Profile} or a property condition; a bean that depends on a setting is always made and decides at
     * start (as the demo workspace, the replica and the mail sender do).
     */
    @Test
    void noBeanIsSwitchedByAProfileOrAPropertyAtStart() {
        noClasses()
                .should()
                .beAnnotatedWith(Profile.class)
                .orShould()
                .beAnnotatedWith(ConditionalOnProperty.class)
                .check(CLASSES);
        noMethods()
                .should()
                .beAnnotatedWith(Profile.class)
                .orShould()
                .beAnnotatedWith(ConditionalOnProperty.class)
                .check(CLASSES);
    }
}
