package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadbridge.lead.LeadProblem.CodedProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file's text as the import's check reads it (issue 21 made the reading cheaper): records across the reader's buffer
 * and line breaks of every kind, a line break or tab inside a cell as one space, and numbers as spreadsheets write
 * them.
 */
class LeadCsvTests {

    @Test
    void aLargeFileIsReadRecordForRecordWhateverItsLineBreaks() {
        StringBuilder file = new StringBuilder("email,companyName,jobTitle\r\n");
        String[] breaks = {"\r\n", "\n", "\r"};
        int rows = 30_000; // about 1.5 MB: line breaks fall on every position of the reader's buffer
        for (int i = 1; i <= rows; i++) {
            file.append("row-")
                    .append(i)
                    .append("@csv.example,\"Firma ")
                    .append(i)
                    .append(", \"\"quoted\"\"\",")
                    .append("x".repeat(i % 40))
                    .append(breaks[i % 3]);
        }
        CsvReader reader = new CsvReader(new StringReader(file.toString()), ',');
        List<CsvReader.Row> read = new ArrayList<>();
        for (CsvReader.Item item = reader.next(); item != null; item = reader.next()) {
            assertThat(item).isInstanceOf(CsvReader.Row.class);
            read.add((CsvReader.Row) item);
        }
        assertThat(read).hasSize(rows + 1);
        for (int i = 1; i <= rows; i++) {
            CsvReader.Row row = read.get(i);
            assertThat(row.line()).isEqualTo(i + 1);
            assertThat(row.cells())
                    .containsExactly("row-" + i + "@csv.example", "Firma " + i + ", \"quoted\"", "x".repeat(i % 40));
        }
    }

    @Test
    void aLineBreakOrTabInACellIsOneSpaceAndOtherCellsStayAsTheyAre() {
        List<String> mapping = List.of("email", "jobTitle", "companyName", "department");
        LeadCsv.Row row = LeadCsv.row(
                2, List.of("a@csv.example", "Head of \r\n Production\tand\nSales", "Alpha  GmbH", "Ops\r"), mapping);

        assertThat(row.problems()).isEmpty();
        assertThat(row.sent().getJobTitle()).isEqualTo("Head of Production and Sales");
        assertThat(row.sent().getCompanyName()).isEqualTo("Alpha  GmbH");
        assertThat(row.sent().getDepartment()).isEqualTo("Ops ");
    }

    @Test
    void wholeNumbersAreReadWithTheirGroupingAndAnythingElseIsAProblemAtTheField() {
        List<String> mapping = List.of("email", "companyName", "employees", "engagementScore");

        LeadCsv.Row grouped = LeadCsv.row(2, List.of("a@csv.example", "A", "1.500", "75"), mapping);
        assertThat(grouped.problems()).isEmpty();
        assertThat(grouped.sent().getEmployees()).isEqualTo(1500);
        assertThat(grouped.sent().getEngagementScore()).isEqualTo(75);

        assertThat(LeadCsv.row(3, List.of("b@csv.example", "B", "1 500 000", ""), mapping)
                        .sent()
                        .getEmployees())
                .isEqualTo(1_500_000);
        assertThat(LeadCsv.row(4, List.of("c@csv.example", "C", "1,500", ""), mapping)
                        .sent()
                        .getEmployees())
                .isEqualTo(1500);

        LeadCsv.Row wrong = LeadCsv.row(5, List.of("d@csv.example", "D", "15x", "1.5"), mapping);
        assertThat(wrong.problems())
                .extracting(CodedProblem::field, CodedProblem::code)
                .containsExactly(
                        tuple("employees", "import.problem.wholeNumber"),
                        tuple("engagementScore", "import.problem.wholeNumber"));
        assertThat(wrong.sent().getEmployees()).isNull();
    }
}
