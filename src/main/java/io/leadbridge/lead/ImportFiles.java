package io.leadbridge.lead;

import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * An import's file as it is kept (see {@link ImportFile}): stored in parts at the upload, refusing what is no CSV,
 * described (its encoding, delimiter, header and the mapping of its columns), read back as text, and deleted when the
 * import ended. Works inside the caller's transaction, in the current workspace.
 */
@Component
class ImportFiles {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ImportFiles(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The name a file is kept under: without a path, at most {@value LeadImports#MAX_FILE_NAME} characters, plain text. */
    static String fileName(String given) {
        if (given == null || given.isBlank()) {
            return "leads.csv";
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .strip();
        if (name.length() > LeadImports.MAX_FILE_NAME) {
            throw Refusal.refused("import.fileName.tooLong");
        }
        if (!PlainTexts.singleLine(name)) {
            throw Refusal.refused("import.fileName.invalid");
        }
        return name.isEmpty() ? "leads.csv" : name;
    }

    /** Keeps the file in parts, refusing one that is no text or too large; answers the new import's id. */
    long storeParts(String name, InputStream content, long marketerId) {
        UUID tenant = CurrentTenant.require();
        long id = jdbc.sql("""
                        insert into lead_import (tenant_id, file_name, mapping, status, created_by, locale)
                        values (?, ?, '[]', 'ANALYSING', ?, ?) returning id
                        """)
                .params(
                        tenant,
                        name,
                        marketerId,
                        LocaleContextHolder.getLocale().toLanguageTag())
                .query(Long.class)
                .single();
        byte[] buffer = new byte[ImportFile.PART];
        long total = 0;
        int part = 0;
        try {
            while (true) {
                int filled = content.readNBytes(buffer, 0, buffer.length);
                if (filled == 0) {
                    break;
                }
                if (part == 0) {
                    Optional<String> notText = CsvBytes.notText(buffer, Math.min(filled, CsvBytes.HEAD));
                    if (notText.isPresent()) {
                        throw Refusal.refused(notText.get());
                    }
                }
                total += filled;
                if (total > LeadImports.MAX_BYTES) {
                    throw Refusal.refused("import.tooLarge");
                }
                jdbc.sql("insert into lead_import_part (tenant_id, import_id, part, bytes) values (?, ?, ?, ?)")
                        .params(tenant, id, part++, java.util.Arrays.copyOf(buffer, filled))
                        .update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (total == 0) {
            throw Refusal.refused("import.noHeader");
        }
        return id;
    }

    /**
     * Reads what the kept file is: its encoding (one pass over the bytes), its delimiter and header row, and maps the
     * columns to fields by their names. Refuses a file without a header or with more than {@link
     * CsvReader#MAX_COLUMNS} columns.
     */
    void describe(long id) {
        byte[] head = new byte[CsvBytes.HEAD];
        int headLength;
        CsvBytes.Utf8Check utf8 = new CsvBytes.Utf8Check();
        try (InputStream in = ImportFile.bytes(jdbc, id)) {
            headLength = in.readNBytes(head, 0, head.length);
            utf8.feed(head, 0, headLength);
            byte[] buffer = new byte[65_536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                utf8.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String encoding;
        Charset utf16 = CsvBytes.utf16(head, headLength);
        if (utf16 != null) {
            encoding = utf16.name();
        } else if (utf8.valid()) {
            encoding = CsvBytes.bomLength(head, headLength, StandardCharsets.UTF_8) > 0 ? "UTF-8-BOM" : "UTF-8";
        } else {
            encoding = CsvBytes.WINDOWS_1252.name();
        }
        char delimiter;
        List<String> columns;
        try (Reader text = text(id, encoding)) {
            delimiter = CsvReader.delimiterOf(ImportFile.firstLine(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Reader text = text(id, encoding)) {
            CsvReader.Item first = new CsvReader(text, delimiter).next();
            if (first == null) {
                throw Refusal.refused("import.noHeader");
            }
            if (first instanceof CsvReader.Broken broken) {
                throw Refusal.refused(broken.tooWide() ? "import.tooManyColumns" : "import.badHeader");
            }
            columns = ((CsvReader.Row) first).cells();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (columns.stream().allMatch(String::isBlank)) {
            throw Refusal.refused("import.noHeader");
        }
        columns = columns.stream().map(ImportFiles::columnName).toList();
        jdbc.sql("""
                        update lead_import set encoding = ?, delimiter = ?, header = cast(? as jsonb),
                            mapping = cast(? as jsonb)
                        where tenant_id = ? and id = ?
                        """)
                .params(
                        encoding,
                        String.valueOf(delimiter),
                        json.writeValueAsString(columns),
                        json.writeValueAsString(LeadCsv.autoMapping(columns)),
                        CurrentTenant.require(),
                        id)
                .update();
    }

    /** A header cell as the mapping table shows it: at most 120 characters, no control characters. */
    private static String columnName(String cell) {
        String name = cell.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return name.length() > 120 ? name.substring(0, 120) + "…" : name;
    }

    /**
     * The file's text. Its encoding as kept: {@code UTF-8}, {@code UTF-8-BOM}, {@code UTF-16LE}/{@code UTF-16BE} (each
     * after its byte order mark) or {@code windows-1252}.
     */
    Reader text(long id, String encoding) {
        if (encoding.startsWith("UTF-8")) {
            return ImportFile.text(jdbc, id, StandardCharsets.UTF_8, encoding.equals("UTF-8-BOM") ? 3 : 0);
        }
        return ImportFile.text(jdbc, id, Charset.forName(encoding), encoding.startsWith("UTF-16") ? 2 : 0);
    }

    /**
     * Deletes the kept file of an import that ended, and the rows its check staged ({@link ImportStaging}); its counts,
     * problems and outcome stay.
     */
    void forget(long id) {
        jdbc.sql("delete from lead_import_part where tenant_id = ? and import_id = ?")
                .params(CurrentTenant.require(), id)
                .update();
        jdbc.sql("delete from lead_import_row where tenant_id = ? and import_id = ?")
                .params(CurrentTenant.require(), id)
                .update();
    }
}
