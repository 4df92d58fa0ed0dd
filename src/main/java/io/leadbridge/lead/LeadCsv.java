package io.leadbridge.lead;

import io.leadbridge.lead.LeadProblem.CodedProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lead CSV files: the fields a column can fill, the automatic mapping of a header's columns to them, and a record's
 * cells turned into a {@link LeadInput}. (Reading the records is {@link CsvReader}'s.)
 */
final class LeadCsv {

    /** The fields a column can fill, in the order the CSV export writes them. */
    static final List<String> FIELDS = List.of(
            "externalId",
            "firstName",
            "lastName",
            "email",
            "phone",
            "jobTitle",
            "companyName",
            "website",
            "employees",
            "industry",
            "department",
            "country",
            "source",
            "campaign",
            "engagementScore",
            "projectPlanned",
            "budgetConfirmed",
            "timeline");

    /**
     * The fields a column of an import can fill: those of the export, and the legal basis with, for consent, its text
     * and time (issue 20).
     */
    static final List<String> IMPORT_FIELDS = java.util.stream.Stream.concat(
                    FIELDS.stream(), java.util.stream.Stream.of("legalBasis", "consentText", "consentGivenAt"))
            .toList();

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("mail", "email"),
            Map.entry("emailaddress", "email"),
            Map.entry("company", "companyName"),
            Map.entry("organisation", "companyName"),
            Map.entry("organization", "companyName"),
            Map.entry("firstname", "firstName"),
            Map.entry("givenname", "firstName"),
            Map.entry("lastname", "lastName"),
            Map.entry("surname", "lastName"),
            Map.entry("title", "jobTitle"),
            Map.entry("score", "engagementScore"),
            Map.entry("purchasetimeline", "timeline"));

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*(\\r\\n|\\r|\\n|\\t)\\s*");

    private LeadCsv() {}

    /**
     * One data row: its line number in the file and the lead it describes, or why it cannot be one (each problem's
     * message a code of the bundles, {@code import.problem.*}).
     */
    /** A record as a lead: normalized ({@code input}) and as sent ({@code sent}: empty cells not set, for updates). */
    record Row(long line, LeadInput input, LeadInput sent, List<CodedProblem> problems) {}

    /** Maps each column to the field its name says, or to nothing ({@code ""}). */
    static List<String> autoMapping(List<String> columns) {
        List<String> mapping = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (String column : columns) {
            String key = column.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
            String field = IMPORT_FIELDS.stream()
                    .filter(f -> f.toLowerCase(Locale.ROOT).equals(key))
                    .findFirst()
                    .orElse(ALIASES.getOrDefault(key, ""));
            if (taken.contains(field)) {
                field = "";
            }
            if (!field.isEmpty()) {
                taken.add(field);
            }
            mapping.add(field);
        }
        return mapping;
    }

    /**
     * The lead a record's cells describe under the mapping (or the reasons it cannot be one). A line break or tab inside
     * a cell (Alt+Enter in Excel) becomes a space: every field of a lead is one line.
     */
    static Row row(long line, List<String> cells, List<String> mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < mapping.size() && i < cells.size(); i++) {
            if (!mapping.get(i).isEmpty()) {
                values.put(mapping.get(i), oneLine(cells.get(i)));
            }
        }
        List<CodedProblem> problems = new ArrayList<>();
        LeadInput input = new LeadInput();
        input.setExternalId(values.get("externalId"));
        input.setFirstName(values.get("firstName"));
        input.setLastName(values.get("lastName"));
        input.setEmail(values.get("email"));
        input.setPhone(values.get("phone"));
        input.setJobTitle(values.get("jobTitle"));
        input.setCompanyName(values.get("companyName"));
        input.setWebsite(values.get("website"));
        input.setEmployees(integer(values, "employees", problems));
        input.setIndustry(values.get("industry"));
        input.setDepartment(values.get("department"));
        input.setCountry(values.get("country"));
        input.setSource(values.get("source"));
        input.setCampaign(values.get("campaign"));
        input.setEngagementScore(integer(values, "engagementScore", problems));
        input.setProjectPlanned(bool(values, "projectPlanned", problems));
        input.setBudgetConfirmed(bool(values, "budgetConfirmed", problems));
        String timeline = values.get("timeline");
        if (timeline != null && !timeline.isBlank()) {
            try {
                input.setTimeline(PurchaseTimeline.valueOf(timeline.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(CodedProblem.of("timeline", "import.problem.timeline"));
            }
        }
        String legalBasis = values.get("legalBasis");
        if (legalBasis != null && !legalBasis.isBlank()) {
            try {
                input.setLegalBasis(LegalBasis.valueOf(legalBasis
                        .strip()
                        .toUpperCase(Locale.ROOT)
                        .replace(' ', '_')
                        .replace('-', '_')));
            } catch (IllegalArgumentException e) {
                problems.add(CodedProblem.of("legalBasis", "import.problem.legalBasis"));
            }
        }
        input.setConsentText(values.get("consentText"));
        String consentGivenAt = values.get("consentGivenAt");
        if (consentGivenAt != null && !consentGivenAt.isBlank()) {
            try {
                input.setConsentGivenAt(instant(consentGivenAt.strip()));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(CodedProblem.of("consentGivenAt", "import.problem.instant"));
            }
        }
        return new Row(line, input.normalized(), input, problems);
    }

    /**
     * The cell with each line break or tab (and the blanks around it) as one space; most cells have none, and are
     * taken as they are without running the pattern (a 100,000-row file has 1.7 million cells, issue 21).
     */
    private static String oneLine(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                return LINE_BREAKS.matcher(cell).replaceAll(" ");
            }
        }
        return cell;
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}|\\d{1,3}([.,' ]\\d{3}){1,2}");
    private static final Pattern GROUPING = Pattern.compile("[.,' ]");

    /** A point in time as ISO 8601 writes it, with its offset: {@code 2026-12-01T10:00:00Z}, {@code …+01:00}. */
    private static java.time.Instant instant(String value) {
        return java.time.OffsetDateTime.parse(value).toInstant();
    }

    private static Integer integer(Map<String, String> values, String field, List<CodedProblem> problems) {
        String value = values.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        String digits = value.strip();
        // 1500, or with thousands grouped as spreadsheets write them: 1.500, 1,500, 1 500.
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            problems.add(CodedProblem.of(field, "import.problem.wholeNumber"));
            return null;
        }
        return Integer.valueOf(GROUPING.matcher(digits).replaceAll(""));
    }

    private static Boolean bool(Map<String, String> values, String field, List<CodedProblem> problems) {
        String value = values.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "ja", "1", "x", "y", "j" -> true;
            case "false", "no", "nein", "0", "n" -> false;
            default -> {
                problems.add(CodedProblem.of(field, "import.problem.yesNo"));
                yield null;
            }
        };
    }
}
