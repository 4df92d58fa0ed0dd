package io.leadbridge.lead;

import io.leadbridge.text.EmailAddresses;
import io.leadbridge.text.PlainText;
import io.leadbridge.timeline.FieldChange;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a person or a client may say about a lead: the fields of the form, of the intake API's JSON and of the CSV
 * columns, with one set of rules for all three. (The industry is checked against the workspace's list by {@link
 * LeadManagement}.)
 */
public class LeadInput {

    @Size(max = 80, message = "{validation.size.max}")
    @PlainText
    private String firstName;

    @Size(max = 80, message = "{validation.size.max}")
    @PlainText
    private String lastName;

    @NotBlank(message = "{validation.required}")
    @Size(max = 254, message = "{validation.size.max}")
    @Pattern(regexp = EmailAddresses.REGEX_OR_BLANK, message = "{validation.email}")
    @PlainText
    private String email;

    @Size(max = 40, message = "{validation.size.max}")
    @Pattern(regexp = "^[+0-9 ()/.\\-]*$", message = "{validation.phone}")
    @PlainText
    private String phone;

    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String jobTitle;

    @NotBlank(message = "{validation.required}")
    @Size(max = 200, message = "{validation.size.max}")
    @PlainText
    private String companyName;

    @Size(max = 255, message = "{validation.size.max}")
    @Pattern(regexp = "^(\\s*|(https?://)?[^\\s/]+\\.[^\\s]+)$", message = "{validation.website}")
    @PlainText
    private String website;

    @Min(value = 1, message = "{validation.min}")
    @Max(value = 10_000_000, message = "{validation.max}")
    private Integer employees;

    @Size(max = 40, message = "{validation.size.max}")
    @PlainText
    private String industry;

    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String department;

    @CountryCode
    @PlainText
    private String country;

    @Size(max = 80, message = "{validation.size.max}")
    @PlainText
    private String source;

    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String campaign;

    @Min(value = 0, message = "{validation.min}")
    @Max(value = 100, message = "{validation.max}")
    private Integer engagementScore;

    private Boolean projectPlanned;

    private Boolean budgetConfirmed;

    private PurchaseTimeline timeline;

    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String externalId;

    /** The legal basis of holding the lead (null: not recorded); consent needs its text and time. */
    @Schema(
            description = "The legal basis of holding the lead (GDPR Art. 6). CONSENT requires consentText and"
                    + " consentGivenAt; absent, it is not recorded (or, with onExisting=update, kept)",
            allowableValues = {"CONSENT", "LEGITIMATE_INTEREST", "CONTRACT"},
            nullable = true)
    private LegalBasis legalBasis;

    /** What the person agreed to, word for word (for consent). */
    @Schema(
            description = "For CONSENT (required then): what the person agreed to, word for word; at most 2000"
                    + " characters. Ignored for another legal basis",
            maxLength = MAX_CONSENT_TEXT,
            nullable = true)
    @Size(max = MAX_CONSENT_TEXT, message = "{validation.size.max}")
    @PlainText(multiline = true)
    private String consentText;

    /** When the person gave their consent. */
    @Schema(
            description = "For CONSENT (required then): when the person gave it, ISO 8601 with an offset"
                    + " (2026-12-01T10:00:00Z); not in the future. Ignored for another legal basis",
            nullable = true)
    private Instant consentGivenAt;

    /**
     * The person was erased before and is created again on purpose ("the person gave new consent"); without it, a lead
     * for an erased person's address is refused with {@link LeadProblem.ErasedPerson}. Not stored.
     */
    @Schema(
            description = "Create the lead even though a person with this email was erased from the workspace (only"
                    + " with their new consent or another legal basis); without it such a lead is answered 409 with"
                    + " code erased-person (in a batch: an invalid item)",
            defaultValue = "false")
    private Boolean confirmErased;

    public static final int MAX_CONSENT_TEXT = 2000;

    /** Trims every text, turns blanks into nothing and writes codes in upper case. */
    LeadInput normalized() {
        LeadInput n = new LeadInput();
        n.firstName = clean(firstName);
        n.lastName = clean(lastName);
        n.email = clean(email);
        n.phone = clean(phone);
        n.jobTitle = clean(jobTitle);
        n.companyName = clean(companyName);
        n.website = clean(website);
        n.employees = employees;
        n.industry = clean(industry) == null ? null : clean(industry).toUpperCase(Locale.ROOT);
        n.department = clean(department);
        n.country = clean(country) == null ? null : clean(country).toUpperCase(Locale.ROOT);
        n.source = clean(source);
        n.campaign = clean(campaign);
        n.engagementScore = engagementScore;
        n.projectPlanned = projectPlanned != null && projectPlanned;
        n.budgetConfirmed = budgetConfirmed != null && budgetConfirmed;
        n.timeline = timeline == null ? PurchaseTimeline.UNKNOWN : timeline;
        n.externalId = clean(externalId);
        n.legalBasis = legalBasis;
        // Consent's text and time belong to consent only; another basis keeps neither.
        n.consentText = legalBasis == LegalBasis.CONSENT ? cleanLines(consentText) : null;
        n.consentGivenAt = legalBasis == LegalBasis.CONSENT ? consentGivenAt : null;
        n.confirmErased = confirmErased;
        return n;
    }

    /**
     * This input, as sent by someone who says only what they know, laid over what {@code existing} holds: every field
     * sent (not null, not blank) takes the sent value, every other one keeps the existing value. An e-mail address that
     * differs only in case keeps the existing spelling. Answers a new input, neither of the two changed.
     */
    public LeadInput overlaidOn(LeadInput existing) {
        LeadInput n = new LeadInput();
        n.firstName = pick(firstName, existing.firstName);
        n.lastName = pick(lastName, existing.lastName);
        n.email = email != null && existing.email != null && email.strip().equalsIgnoreCase(existing.email)
                ? existing.email
                : pick(email, existing.email);
        n.phone = pick(phone, existing.phone);
        n.jobTitle = pick(jobTitle, existing.jobTitle);
        n.companyName = pick(companyName, existing.companyName);
        n.website = pick(website, existing.website);
        n.employees = employees != null ? employees : existing.employees;
        n.industry = pick(industry, existing.industry);
        n.department = pick(department, existing.department);
        n.country = pick(country, existing.country);
        n.source = pick(source, existing.source);
        n.campaign = pick(campaign, existing.campaign);
        n.engagementScore = engagementScore != null ? engagementScore : existing.engagementScore;
        n.projectPlanned = projectPlanned != null ? projectPlanned : existing.projectPlanned;
        n.budgetConfirmed = budgetConfirmed != null ? budgetConfirmed : existing.budgetConfirmed;
        n.timeline = timeline != null ? timeline : existing.timeline;
        n.externalId = pick(externalId, existing.externalId);
        // The legal basis is kept unless one is sent; consent sent again without its text or time keeps those of the
        // consent recorded before.
        n.legalBasis = legalBasis != null ? legalBasis : existing.legalBasis;
        boolean consentBefore = existing.legalBasis == LegalBasis.CONSENT;
        n.consentText = pick(consentText, consentBefore ? existing.consentText : null);
        n.consentGivenAt = consentGivenAt != null ? consentGivenAt : consentBefore ? existing.consentGivenAt : null;
        if (legalBasis == null && !consentBefore) {
            n.consentText = existing.consentText;
            n.consentGivenAt = existing.consentGivenAt;
        }
        return n;
    }

    private static String pick(String sent, String existing) {
        return sent == null || sent.isBlank() ? existing : sent;
    }

    /** The fields in which {@code after} differs from this input (both compared in their normalized form). */
    public List<FieldChange> changesTo(LeadInput after) {
        LeadInput a = normalized();
        LeadInput b = after.normalized();
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "firstName", a.firstName, b.firstName);
        compare(changes, "lastName", a.lastName, b.lastName);
        compare(changes, "email", a.email, b.email);
        compare(changes, "phone", a.phone, b.phone);
        compare(changes, "jobTitle", a.jobTitle, b.jobTitle);
        compare(changes, "companyName", a.companyName, b.companyName);
        compare(changes, "website", a.website, b.website);
        compare(changes, "employees", a.employees, b.employees);
        compare(changes, "industry", a.industry, b.industry);
        compare(changes, "department", a.department, b.department);
        compare(changes, "country", a.country, b.country);
        compare(changes, "source", a.source, b.source);
        compare(changes, "campaign", a.campaign, b.campaign);
        compare(changes, "engagementScore", a.engagementScore, b.engagementScore);
        compare(changes, "projectPlanned", a.projectPlanned, b.projectPlanned);
        compare(changes, "budgetConfirmed", a.budgetConfirmed, b.budgetConfirmed);
        compare(changes, "timeline", a.timeline, b.timeline);
        compare(changes, "externalId", a.externalId, b.externalId);
        compare(changes, "legalBasis", a.legalBasis, b.legalBasis);
        compare(changes, "consentText", a.consentText, b.consentText);
        compare(changes, "consentGivenAt", a.consentGivenAt, b.consentGivenAt);
        return changes;
    }

    private static void compare(List<FieldChange> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(
                    field, before == null ? null : before.toString(), after == null ? null : after.toString()));
        }
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Like {@link #clean}, with the line breaks of a form's text area written as one. */
    private static String cleanLines(String value) {
        return clean(value) == null ? null : value.strip().replace("\r\n", "\n");
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String jobTitle) {
        this.jobTitle = jobTitle;
    }

    public String getCompanyName() {
        return companyName;
    }

    public void setCompanyName(String companyName) {
        this.companyName = companyName;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    public Integer getEmployees() {
        return employees;
    }

    public void setEmployees(Integer employees) {
        this.employees = employees;
    }

    public String getIndustry() {
        return industry;
    }

    public void setIndustry(String industry) {
        this.industry = industry;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getCampaign() {
        return campaign;
    }

    public void setCampaign(String campaign) {
        this.campaign = campaign;
    }

    public Integer getEngagementScore() {
        return engagementScore;
    }

    public void setEngagementScore(Integer engagementScore) {
        this.engagementScore = engagementScore;
    }

    public Boolean getProjectPlanned() {
        return projectPlanned;
    }

    public void setProjectPlanned(Boolean projectPlanned) {
        this.projectPlanned = projectPlanned;
    }

    public Boolean getBudgetConfirmed() {
        return budgetConfirmed;
    }

    public void setBudgetConfirmed(Boolean budgetConfirmed) {
        this.budgetConfirmed = budgetConfirmed;
    }

    public PurchaseTimeline getTimeline() {
        return timeline;
    }

    public void setTimeline(PurchaseTimeline timeline) {
        this.timeline = timeline;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public Boolean getConfirmErased() {
        return confirmErased;
    }

    public void setConfirmErased(Boolean confirmErased) {
        this.confirmErased = confirmErased;
    }

    public LegalBasis getLegalBasis() {
        return legalBasis;
    }

    public void setLegalBasis(LegalBasis legalBasis) {
        this.legalBasis = legalBasis;
    }

    public String getConsentText() {
        return consentText;
    }

    public void setConsentText(String consentText) {
        this.consentText = consentText;
    }

    public Instant getConsentGivenAt() {
        return consentGivenAt;
    }

    public void setConsentGivenAt(Instant consentGivenAt) {
        this.consentGivenAt = consentGivenAt;
    }
}
