package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.Generated;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Generated input for the CSV reading path the import's check takes — the bytes' encoding and text-or-binary verdict,
 * the records, each record as a lead (issue 15, Done-when): random bytes, quotes in every position, NUL and other
 * control characters, huge cells, many columns, every encoding (seeded, see {@link Generated}). The only outcomes are
 * records and line errors; no
 * exception escapes, memory stays within the reader's bounds, and line numbers only grow. (The same inputs through
 * the web, the database and the import's all-or-nothing transaction: {@code ImportFuzzTests}.)
 */
class CsvReaderPropertyTests {

    @Test
    void anyBytesGiveRecordsAndLineErrorsOnly() {
        Generated gen = Generated.fresh();
        for (int i = 0; i < 600; i++) {
            byte[] file = switch (gen.between(0, 2)) {
                case 0 -> gen.bytes(4_000);
                case 1 -> gen.trickyText(60).getBytes(StandardCharsets.UTF_8);
                default -> withUtf16Bom(gen.bytes(500));
            };
            read(file, gen.label(i, file));
        }
    }

    @Test
    void anyTextInAnyEncodingGivesRecordsAndLineErrorsOnly() {
        Generated gen = Generated.fresh();
        List<Charset> encodings = List.of(
                StandardCharsets.UTF_8,
                StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE,
                StandardCharsets.ISO_8859_1,
                Charset.forName("windows-1252"));
        for (int i = 0; i < 300; i++) {
            byte[] file = gen.trickyText(60).getBytes(gen.oneOf(encodings));
            read(file, gen.label(i, file));
        }
    }

    @Test
    void aWellFormedRecordIsReadBackCellForCell() {
        Generated gen = Generated.fresh();
        for (int n = 0; n < 300; n++) {
            List<String> cells =
                    gen.listOf(1, 12, g -> g.anyText(30).replace("\r", "").replace("\n", ""));
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    line.append(';');
                }
                line.append('"').append(cells.get(i).replace("\"", "\"\"")).append('"');
            }
            String label = gen.label(n, line.toString());
            CsvReader reader = new CsvReader(new StringReader("h\n" + line + "\n"), ';');
            reader.next();
            CsvReader.Item item = reader.next();
            assertThat(item).as(label).isInstanceOf(CsvReader.Row.class);
            assertThat(((CsvReader.Row) item).cells()).as(label).isEqualTo(cells);
            assertThat(reader.next()).as(label).isNull();
        }
    }

    private static byte[] withUtf16Bom(byte[] body) {
        byte[] file = new byte[body.length + 2];
        file[0] = (byte) 0xFF;
        file[1] = (byte) 0xFE;
        System.arraycopy(body, 0, file, 2, body.length);
        return file;
    }

    /** The import's reading path, as {@code LeadImports} takes it, without the database. */
    private static void read(byte[] file, String label) {
        int headLength = Math.min(file.length, CsvBytes.HEAD);
        Optional<String> notText = CsvBytes.notText(file, headLength);
        if (notText.isPresent()) {
            assertThat(notText.get()).as(label).startsWith("import.notCsv.");
            return;
        }
        CsvBytes.Utf8Check utf8 = new CsvBytes.Utf8Check();
        for (int from = 0; from < file.length; from += 7) {
            utf8.feed(file, from, Math.min(7, file.length - from)); // sequences split across pieces
        }
        Charset charset = CsvBytes.utf16(file, headLength);
        if (charset == null) {
            charset = utf8.valid() ? StandardCharsets.UTF_8 : CsvBytes.WINDOWS_1252;
        }
        assertThat(utf8.valid()).as(label).isEqualTo(isUtf8(file));
        int bom = CsvBytes.bomLength(file, headLength, charset);
        Reader text = new InputStreamReader(
                new java.io.ByteArrayInputStream(file, bom, file.length - bom),
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
        CsvReader reader = new CsvReader(text, ';');
        long lastLine = 0;
        List<String> mapping = new ArrayList<>(LeadCsv.FIELDS);
        for (CsvReader.Item item = reader.next(); item != null; item = reader.next()) {
            assertThat(item.line()).as(label).isGreaterThan(lastLine);
            lastLine = item.line();
            if (item instanceof CsvReader.Row row) {
                assertThat(row.cells()).as(label).hasSizeLessThanOrEqualTo(CsvReader.MAX_COLUMNS);
                row.cells()
                        .forEach(cell -> assertThat(cell.length()).as(label).isLessThanOrEqualTo(CsvReader.MAX_RECORD));
                LeadCsv.Row lead = LeadCsv.row(row.line(), row.cells(), mapping);
                assertThat(lead.input()).as(label).isNotNull();
            } else {
                assertThat(((CsvReader.Broken) item).code()).as(label).isNotBlank();
            }
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
