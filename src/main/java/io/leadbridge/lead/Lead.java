package io.leadbridge.lead;

import io.leadbridge.timeline.FieldChange;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A lead: a person at a company that marketing brought in and sales may buy from. */
@Entity
@Table(name = "lead")
class Lead {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_id")
    @SequenceGenerator(name = "lead_id", sequenceName = "lead_id_seq", allocationSize = 50)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    private String firstName;
    private String lastName;
    private String email;
    private String phone;
    private String jobTitle;
    private String companyName;
    private String website;
    private Integer employees;
    private String industry;
    private String department;
    private String country;
    private String source;
    private String campaign;
    private Integer engagementScore;
    private boolean projectPlanned;
    private boolean budgetConfirmed;

    @Enumerated(EnumType.STRING)
    @Column(name = "purchase_timeline")
    private PurchaseTimeline timeline = PurchaseTimeline.UNKNOWN;

    private String externalId;

    @Enumerated(EnumType.STRING)
    private Stage stage = Stage.NEW_INQUIRY;

    private Long ownerId;
    private BigDecimal dealValue;
    private Instant wonAt;

    /** When the lead last came back in nurture and qualified, put in front of marketing again (issue 19). */
    private Instant reEngagedAt;

    @Enumerated(EnumType.STRING)
    private LegalBasis legalBasis;

    private String consentText;
    private Instant consentGivenAt;

    /** Where the lead came from (issue 20): set at its creation, never changed. */
    @Enumerated(EnumType.STRING)
    @Column(name = "origin", updatable = false)
    private LeadOrigin.Kind origin = LeadOrigin.Kind.UNKNOWN;

    @Column(updatable = false)
    private UUID originApiKeyId;

    @Column(updatable = false)
    private Long originImportId;

    @Column(updatable = false)
    private String originLabel;

    @Column(updatable = false)
    private UUID submissionKey;

    @Column(updatable = false)
    private Long createdBy;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Lead() {}

    Lead(LeadInput input, Stage stage, UUID submissionKey, Long createdBy, LeadOrigin origin, Instant now) {
        apply(input);
        this.origin = origin.kind();
        this.originApiKeyId = origin.apiKeyId();
        this.originImportId = origin.importId();
        this.originLabel = origin.label();
        this.stage = stage == null ? Stage.NEW_INQUIRY : stage;
        this.submissionKey = submissionKey;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Takes the new values; answers what changed, field by field. */
    List<FieldChange> edit(LeadInput input, Instant now) {
        List<FieldChange> changes = toInput().changesTo(input);
        apply(input);
        if (!changes.isEmpty()) {
            updatedAt = now;
        }
        return changes;
    }

    /**
     * The lead moves to {@code to} (or stays, one version on, when it is there already): its owner as {@code owner}
     * says, its deal value when one is given, won now when {@code to} is won. Whether the move is legal is {@link
     * LeadMove}'s to say, before.
     */
    void move(Stage to, OwnerChange owner, BigDecimal dealValue, Instant now) {
        stage = to;
        updatedAt = now;
        if (owner.change()) {
            ownerId = owner.ownerId();
        }
        if (dealValue != null) {
            this.dealValue = dealValue;
        }
        if (to == Stage.WON) {
            wonAt = now;
        }
    }

    private void apply(LeadInput input) {
        firstName = input.getFirstName();
        lastName = input.getLastName();
        email = input.getEmail();
        phone = input.getPhone();
        jobTitle = input.getJobTitle();
        companyName = input.getCompanyName();
        website = input.getWebsite();
        employees = input.getEmployees();
        industry = input.getIndustry();
        department = input.getDepartment();
        country = input.getCountry();
        source = input.getSource();
        campaign = input.getCampaign();
        engagementScore = input.getEngagementScore();
        projectPlanned = Boolean.TRUE.equals(input.getProjectPlanned());
        budgetConfirmed = Boolean.TRUE.equals(input.getBudgetConfirmed());
        timeline = input.getTimeline() == null ? PurchaseTimeline.UNKNOWN : input.getTimeline();
        externalId = input.getExternalId();
        legalBasis = input.getLegalBasis();
        consentText = input.getConsentText();
        consentGivenAt = input.getConsentGivenAt();
    }

    LeadInput toInput() {
        LeadInput input = new LeadInput();
        input.setFirstName(firstName);
        input.setLastName(lastName);
        input.setEmail(email);
        input.setPhone(phone);
        input.setJobTitle(jobTitle);
        input.setCompanyName(companyName);
        input.setWebsite(website);
        input.setEmployees(employees);
        input.setIndustry(industry);
        input.setDepartment(department);
        input.setCountry(country);
        input.setSource(source);
        input.setCampaign(campaign);
        input.setEngagementScore(engagementScore);
        input.setProjectPlanned(projectPlanned);
        input.setBudgetConfirmed(budgetConfirmed);
        input.setTimeline(timeline);
        input.setExternalId(externalId);
        input.setLegalBasis(legalBasis);
        input.setConsentText(consentText);
        input.setConsentGivenAt(consentGivenAt);
        return input;
    }

    Long id() {
        return id;
    }

    Long ownerId() {
        return ownerId;
    }

    Stage stage() {
        return stage;
    }

    Long createdBy() {
        return createdBy;
    }

    long version() {
        return version;
    }

    String email() {
        return email;
    }

    String externalId() {
        return externalId;
    }

    /** The lead's stored values, from which {@link StoredLead#view} builds the view the pages and other modules see. */
    StoredLead stored() {
        return new StoredLead(
                id,
                toInput(),
                stage,
                ownerId,
                dealValue,
                createdBy,
                createdAt,
                updatedAt,
                version,
                reEngagedAt,
                new LeadOrigin(origin, createdBy, originApiKeyId, originImportId, originLabel));
    }
}
