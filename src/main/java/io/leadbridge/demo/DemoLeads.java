package io.leadbridge.demo;

import io.leadbridge.handoff.HandoffActivity;
import io.leadbridge.handoff.HandoffSeeding;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadSeeding;
import io.leadbridge.lead.LeadSeeding.PastLead;
import io.leadbridge.lead.PurchaseTimeline;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.Timeline;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A few hundred realistic leads for the demo workspace, spread over the last four months, across sources,
 * campaigns, industries, company sizes and the stages of the funnel, each with its "created" timeline entry.
 * Written in one transaction; the leads and their earlier handoffs through the owners' seeding APIs ({@link LeadSeeding},
 * {@link HandoffSeeding}: history with past dates and later stages, which the product's own use cases do not write),
 * their timeline entries through the timeline's API. The same seed gives the same data every time.
 */
@Component
class DemoLeads {

    static final int COUNT = 320;

    private static final List<String> FIRST = List.of(
            "Jana", "Lukas", "Sophie", "Felix", "Marie", "Jonas", "Lea", "Paul", "Anna", "Elias", "Laura", "Noah",
            "Hannah", "Ben", "Emma", "Leon", "Clara", "Finn", "Mila", "Tom", "Sara", "David", "Nina", "Moritz");
    private static final List<String> LAST = List.of(
            "Becker",
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Hoffmann",
            "Koch",
            "Richter",
            "Klein",
            "Wolf",
            "Schröder",
            "Neumann",
            "Braun",
            "Zimmermann",
            "Krüger",
            "Hartmann",
            "Lange",
            "Janssen",
            "de Vries",
            "Dubois",
            "Rossi");
    private static final List<String> COMPANY_STEM = List.of(
            "Rhein", "Alpen", "Nord", "Hanse", "Isar", "Elbe", "Main", "Spree", "Weser", "Donau", "Bode", "Taunus",
            "Harz", "Eifel", "Mosel", "Neckar");
    private static final List<String> COMPANY_KIND = List.of(
            "Maschinenbau",
            "Logistik",
            "Präzisionsteile",
            "Kunststofftechnik",
            "Automation",
            "Antriebstechnik",
            "Verpackung",
            "Stahlbau",
            "Medizintechnik",
            "Energiesysteme",
            "Software",
            "Handel");
    private static final List<String> LEGAL = List.of("GmbH", "AG", "GmbH & Co. KG", "SE");
    private static final List<String> INDUSTRY = List.of(
            "MANUFACTURING",
            "MANUFACTURING",
            "MANUFACTURING",
            "LOGISTICS",
            "LOGISTICS",
            "ENERGY",
            "HEALTHCARE",
            "SOFTWARE",
            "RETAIL",
            "CONSTRUCTION",
            "AGRICULTURE",
            "FINANCE",
            "PUBLIC_SECTOR",
            "OTHER");
    private static final List<String> DEPARTMENT = List.of(
            "Operations", "Production", "Engineering", "Procurement", "IT", "Maintenance", "Logistics", "Management");
    private static final List<String> TITLE = List.of(
            "Head of Production",
            "Plant Manager",
            "Operations Director",
            "Head of Engineering",
            "Buyer",
            "CTO",
            "Maintenance Lead",
            "Managing Director",
            "Project Engineer");
    private static final List<String> COUNTRY = List.of("DE", "DE", "DE", "DE", "AT", "CH", "NL", "FR", "PL", "GB");
    private static final List<String> SOURCE =
            List.of("webinar", "website", "website", "trade fair", "linkedin", "referral", "newsletter", "whitepaper");
    private static final Map<String, List<String>> CAMPAIGN = Map.of(
            "webinar", List.of("automation-2026-q3", "automation-2026-q4"),
            "website", List.of("seo", "pricing-page"),
            "trade fair", List.of("hannover-messe-2026", "logimat-2026"),
            "linkedin", List.of("abm-manufacturing", "abm-logistics"),
            "referral", List.of("partner-program"),
            "newsletter", List.of("monthly-digest"),
            "whitepaper", List.of("robotics-roi-guide"));
    private static final List<PurchaseTimeline> TIMELINE = List.of(
            PurchaseTimeline.NOW,
            PurchaseTimeline.THIS_QUARTER,
            PurchaseTimeline.THIS_QUARTER,
            PurchaseTimeline.THIS_YEAR,
            PurchaseTimeline.UNKNOWN);
    private static final List<Stage> STAGES = List.of(
            Stage.NEW_INQUIRY,
            Stage.NEW_INQUIRY,
            Stage.NEW_INQUIRY,
            Stage.NEW_INQUIRY,
            Stage.NURTURE,
            Stage.NURTURE,
            Stage.NURTURE,
            Stage.MARKETING_QUALIFIED,
            Stage.MARKETING_QUALIFIED,
            Stage.MARKETING_QUALIFIED,
            Stage.SALES_ACCEPTED,
            Stage.SALES_QUALIFIED,
            Stage.OPPORTUNITY,
            Stage.WON,
            Stage.LOST,
            Stage.DISQUALIFIED);
    private static final List<Stage> SALES_STAGES =
            List.of(Stage.SALES_ACCEPTED, Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, Stage.WON, Stage.LOST);

    private final LeadSeeding seeding;
    private final HandoffSeeding handoffs;
    private final Timeline timeline;
    private final Clock clock;

    DemoLeads(LeadSeeding seeding, HandoffSeeding handoffs, Timeline timeline, Clock clock) {
        this.seeding = seeding;
        this.handoffs = handoffs;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Transactional
    public int seed(List<Long> marketers, List<Long> salesReps) {
        Random random = new Random(2026);
        Instant now = clock.instant();
        for (int i = 0; i < COUNT; i++) {
            String first = pick(random, FIRST);
            String last = pick(random, LAST);
            String company = pick(random, COMPANY_STEM) + " " + pick(random, COMPANY_KIND) + " " + pick(random, LEGAL);
            String domain = company.toLowerCase(Locale.ROOT)
                            .replace("ä", "ae")
                            .replace("ö", "oe")
                            .replace("ü", "ue")
                            .replaceAll("[^a-z]+", "")
                    + ".example";
            String email = (first + "." + last)
                            .toLowerCase(Locale.ROOT)
                            .replace("ü", "ue")
                            .replace("ö", "oe")
                            .replace(" ", "")
                    + i + "@" + domain;
            String source = pick(random, SOURCE);
            Stage stage = pick(random, STAGES);
            Instant created = now.minus(Duration.ofMinutes(random.nextInt(120 * 24 * 60)));
            Long owner = SALES_STAGES.contains(stage) ? salesReps.get(random.nextInt(salesReps.size())) : null;
            BigDecimal dealValue = stage == Stage.WON ? BigDecimal.valueOf(8_000 + random.nextInt(140) * 1_000L) : null;
            Long createdBy = marketers.get(random.nextInt(marketers.size()));
            long id = seeding.insert(new PastLead(
                    first,
                    last,
                    email,
                    "+49 " + (30 + random.nextInt(60)) + " " + (1_000_000 + random.nextInt(8_999_999)),
                    pick(random, TITLE),
                    company,
                    "https://" + domain,
                    (int) Math.round(Math.exp(Math.log(8) + random.nextDouble() * Math.log(5000 / 8.0))),
                    pick(random, INDUSTRY),
                    pick(random, DEPARTMENT),
                    pick(random, COUNTRY),
                    source,
                    pick(random, CAMPAIGN.get(source)),
                    random.nextInt(10) == 0 ? null : random.nextInt(101),
                    random.nextInt(3) == 0,
                    random.nextInt(4) == 0,
                    pick(random, TIMELINE),
                    stage,
                    owner,
                    dealValue,
                    createdBy,
                    created,
                    created,
                    stage == Stage.WON ? wonAt(created, now) : null));
            timeline.recordAt(
                    id,
                    created,
                    createdBy,
                    LeadManagement.CREATED,
                    Map.of("channel", random.nextBoolean() ? "API" : "FORM"));
            if (owner != null) {
                acceptedEarlier(id, createdBy, owner, created, now);
            }
        }
        return COUNT;
    }

    /** A won lead was won about three weeks after it came in (not in the future). */
    private static Instant wonAt(Instant created, Instant now) {
        Instant won = created.plus(Duration.ofDays(21));
        return won.isAfter(now) ? now : won;
    }

    /** A lead in a sales stage was handed off a day after it came in and accepted a few hours later. */
    private void acceptedEarlier(long leadId, long marketer, long rep, Instant created, Instant now) {
        Instant handed =
                created.plus(Duration.ofHours(20)).isBefore(now) ? created.plus(Duration.ofHours(20)) : created;
        Instant decided = handed.plus(Duration.ofHours(3)).isBefore(now) ? handed.plus(Duration.ofHours(3)) : now;
        handoffs.acceptedInThePast(leadId, marketer, rep, handed, decided);
        timeline.recordAt(leadId, handed, marketer, HandoffActivity.HANDED_OFF, Map.of());
        timeline.recordAt(leadId, decided, rep, HandoffActivity.ACCEPTED, Map.of());
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
