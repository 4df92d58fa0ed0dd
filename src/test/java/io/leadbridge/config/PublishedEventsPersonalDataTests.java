package io.leadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.handoff.HandoffRejected;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.lead.LeadsReEngaged;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.privacy.PrivacyManagement;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantEvent;
import io.leadbridge.timeline.FieldChange;
import io.leadbridge.timeline.LeadEntriesEvent.Entry;
import io.leadbridge.timeline.NotificationKind;
import io.leadbridge.timeline.PeopleNotified;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * An erasure while an event about the person still waits for its listener: the publication stays (its listener must
 * still run) but holds none of the person's words or names any more, and still reads back as its event.
 */
@IntegrationTest
class PublishedEventsPersonalDataTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    EventSerializer serializer;

    @Autowired
    OwnerDatabase owner;

    @Test
    void anIncompletePublicationAboutAnErasedPersonKeepsItsCodesAndLosesTheirWords() {
        TestWorkspace workspace = workspaces.create();
        UUID tenant = workspace.tenantId();
        String unique = Long.toString(System.nanoTime(), 36);
        LeadInput erika = TestLeads.qualifiedLead("Erika" + unique, "Muster" + unique);
        erika.setEmail("erika." + unique + "@person.example");
        long erased = leads.create(workspace.marketer(), erika).id();
        long kept = leads.create(workspace.marketer(), TestLeads.qualifiedLead("Otto" + unique, "Normal" + unique))
                .id();
        Actor rep = Actor.person(workspace.salesRep().accountId(), "Sam Rep");

        UUID rejected = publishIncomplete(new HandoffRejected(
                tenant,
                erased,
                rep,
                Stage.SALES_ACCEPTED,
                Stage.NURTURE,
                "NO_BUDGET",
                "Erika" + unique + " asked us to call back in May",
                7L,
                "Erika" + unique + " Muster" + unique));
        UUID returned = publishIncomplete(new LeadsReEngaged(
                tenant,
                rep,
                Channel.IMPORT,
                "spring-fair.csv",
                List.of(
                        new Entry(
                                erased,
                                Map.of("phone", "+49 171 " + unique),
                                List.of(new FieldChange("lastName", "Muster" + unique, "Beispiel" + unique))),
                        new Entry(
                                kept,
                                Map.of("phone", "+49 172 " + unique),
                                List.of(new FieldChange("lastName", "Normal" + unique, "Anders" + unique))))));
        UUID notified = publishIncomplete(new PeopleNotified(
                tenant,
                List.of(
                        new PeopleNotified.Item(
                                1L,
                                2L,
                                NotificationKind.ESCALATED,
                                "notification.escalated",
                                List.of("Erika" + unique + " Muster" + unique),
                                "/leads/" + erased + "#handoff"),
                        new PeopleNotified.Item(
                                3L,
                                2L,
                                NotificationKind.ESCALATED,
                                "notification.escalated",
                                List.of("Otto" + unique + " Normal" + unique),
                                "/leads/" + kept))));
        // Another workspace's waiting event with the same words is not this erasure's business.
        TestWorkspace other = workspaces.create();
        UUID elsewhere = publishIncomplete(new HandoffRejected(
                other.tenantId(),
                erased,
                rep,
                Stage.SALES_ACCEPTED,
                Stage.NURTURE,
                "NO_BUDGET",
                "Erika" + unique + " elsewhere",
                7L,
                "Erika" + unique));

        PrivacyManagement.Erasure erasure = CurrentTenant.callAs(
                tenant, () -> privacy.erase(erika.getEmail(), workspace.admin().accountId()));
        assertThat(erasure.outcome()).isEqualTo(PrivacyManagement.Outcome.ERASED);

        assertThat(stored(rejected)).doesNotContain("Erika" + unique, "Muster" + unique, "call back");
        HandoffRejected rejectedNow = (HandoffRejected) serializer.deserialize(stored(rejected), HandoffRejected.class);
        assertThat(rejectedNow.leadId()).isEqualTo(erased);
        assertThat(rejectedNow.reason()).isEqualTo("NO_BUDGET");
        assertThat(rejectedNow.rep().label()).isEqualTo("Sam Rep");
        assertThat(rejectedNow.from()).isEqualTo(Stage.SALES_ACCEPTED);
        assertThat(rejectedNow.comment()).isEqualTo("[erased]");
        assertThat(rejectedNow.leadName()).isEqualTo("[erased]");

        LeadsReEngaged returnedNow = (LeadsReEngaged) serializer.deserialize(stored(returned), LeadsReEngaged.class);
        assertThat(returnedNow.file()).isEqualTo("spring-fair.csv");
        assertThat(returnedNow.entries().get(0).facts()).containsExactly(Map.entry("phone", "[erased]"));
        assertThat(returnedNow.entries().get(0).changes())
                .containsExactly(new FieldChange("lastName", "[erased]", "[erased]"));
        assertThat(returnedNow.entries().get(1).facts()).containsExactly(Map.entry("phone", "+49 172 " + unique));
        assertThat(returnedNow.entries().get(1).changes())
                .containsExactly(new FieldChange("lastName", "Normal" + unique, "Anders" + unique));

        PeopleNotified notifiedNow = (PeopleNotified) serializer.deserialize(stored(notified), PeopleNotified.class);
        assertThat(notifiedNow.items().get(0).arguments()).containsExactly("[erased]");
        assertThat(notifiedNow.items().get(0).link()).isEqualTo("/leads/" + erased + "#handoff");
        assertThat(notifiedNow.items().get(1).arguments()).containsExactly("Otto" + unique + " Normal" + unique);

        assertThat(stored(elsewhere)).contains("Erika" + unique + " elsewhere");
        assertThat(owner.count(
                        "select count(*) from event_publication where completion_date is null and id in (?, ?, ?, ?)",
                        rejected,
                        returned,
                        notified,
                        elsewhere))
                .as("the listeners still have to run")
                .isEqualTo(4);
        // The listener named above does not exist: the registry's resubmission must not keep trying for the suite.
        owner.jdbc()
                .sql("delete from event_publication where listener_id = 'test.listener-that-has-not-run-yet'")
                .update();
    }

    /**
     * Every text an event carries, at any depth, is either erased or kept by name: an event with a new text field
     * fails here until someone decides whether it can hold a person's words.
     */
    @Test
    void everyTextFieldOfEveryEventIsClassified() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(TenantEvent.class));
        List<String> unclassified = new ArrayList<>();
        Set<Class<?>> events = new HashSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("io.leadbridge")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            if (type.isRecord()) {
                events.add(type);
                collectTexts(type, type.getSimpleName(), unclassified, new HashSet<>());
            }
        }
        assertThat(events).as("the scan finds the events").hasSizeGreaterThan(15);
        assertThat(unclassified)
                .as("text fields in neither PublishedEventsPersonalData.FREE_TEXT nor KEPT")
                .isEmpty();
    }

    private static void collectTexts(Class<?> record, String path, List<String> unclassified, Set<Class<?>> seen) {
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            if (carriesText(component.getGenericType())) {
                if (!PublishedEventsPersonalData.FREE_TEXT.contains(name)
                        && !PublishedEventsPersonalData.KEPT.contains(name)) {
                    unclassified.add(path + "." + name);
                }
            }
            for (Class<?> nested : recordsIn(component.getGenericType())) {
                collectTexts(nested, path + "." + name, unclassified, seen);
            }
        }
    }

    private static boolean carriesText(Type type) {
        if (type == String.class) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (argument == String.class
                        && !(parameterized.getRawType() == Map.class
                                && parameterized.getActualTypeArguments()[1] != String.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> recordsIn(Type type) {
        List<Class<?>> records = new ArrayList<>();
        if (type instanceof Class<?> c && c.isRecord()) {
            records.add(c);
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                records.addAll(recordsIn(argument));
            }
        }
        return records;
    }

    private UUID publishIncomplete(Object event) {
        UUID id = UUID.randomUUID();
        owner.jdbc()
                .sql("""
                        insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                       status, completion_attempts)
                        values (?, 'test.listener-that-has-not-run-yet', ?, ?, ?, 'PUBLISHED', 1)
                        """)
                .params(
                        id,
                        event.getClass().getName(),
                        serializer.serialize(event).toString(),
                        Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    private String stored(UUID publication) {
        return owner.jdbc()
                .sql("select serialized_event from event_publication where id = ?")
                .param(publication)
                .query(String.class)
                .single();
    }
}
