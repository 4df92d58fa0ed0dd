package io.leadbridge.lead;

import io.leadbridge.lead.LeadProblem.FieldProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads lead CSV files: UTF-8 with or without BOM, comma or semicolon (as Excel writes it in Germany), quoted
 * fields; the header names the columns, which map to {@link LeadInput}'s fields.
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

    private LeadCsv() {}

    /** The first line of a file, with its delimiter and columns. */
    record Header(char delimiter, List<String> columns) {}

    /** One data row: its line number in the file and the lead it describes, or why it cannot be one. */
    record Row(long line, LeadInput input, List<FieldProblem> problems) {}

    static Header header(byte[] content) {
        String text = text(content);
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        char delimiter = count(first, ';') > count(first, ',') ? ';' : ',';
        try (CSVParser parser = format(delimiter).parse(new java.io.StringReader(first))) {
            List<CSVRecord> records = parser.getRecords();
            List<String> columns =
                    records.isEmpty() ? List.of() : records.get(0).toList();
            return new Header(delimiter, columns.stream().map(String::strip).toList());
        } catch (IOException | RuntimeException e) {
            return new Header(delimiter, List.of());
        }
    }

    /** Maps each column to the field its name says, or to nothing ({@code ""}). */
    static List<String> autoMapping(List<String> columns) {
        List<String> mapping = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (String column : columns) {
            String key = column.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
            String field = FIELDS.stream()
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

    /** Reads every data row, turning each into a lead (or the reasons it cannot be one). */
    static void rows(byte[] content, char delimiter, List<String> mapping, Consumer<Row> each) {
        try (Reader reader = new InputStreamReader(withoutBom(content), StandardCharsets.UTF_8);
                CSVParser parser = format(delimiter).parse(reader)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                each.accept(row(record, mapping));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(CSVRecord record, List<String> mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < mapping.size() && i < record.size(); i++) {
            if (!mapping.get(i).isEmpty()) {
                values.put(mapping.get(i), record.get(i));
            }
        }
        List<FieldProblem> problems = new ArrayList<>();
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
                problems.add(new FieldProblem("timeline", "must be one of NOW, THIS_QUARTER, THIS_YEAR, UNKNOWN"));
            }
        }
        return new Row(record.getParser().getCurrentLineNumber(), input.normalized(), problems);
    }

    private static Integer integer(Map<String, String> values, String field, List<FieldProblem> problems) {
        String value = values.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip().replace(".", "").replace(" ", ""));
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return null;
        }
    }

    private static Boolean bool(Map<String, String> values, String field, List<FieldProblem> problems) {
        String value = values.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "ja", "1", "x", "y", "j" -> true;
            case "false", "no", "nein", "0", "n" -> false;
            default -> {
                problems.add(new FieldProblem(field, "must be yes or no (true/false, ja/nein, 1/0)"));
                yield null;
            }
        };
    }

    static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
    }

    private static String text(byte[] content) {
        return new String(withoutBom(content).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream withoutBom(byte[] content) {
        boolean bom = content.length >= 3
                && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
        return bom ? new ByteArrayInputStream(content, 3, content.length - 3) : new ByteArrayInputStream(content);
    }

    private static int count(String text, char c) {
        int n = 0;
        boolean quoted = false;
        for (char ch : text.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }
}
