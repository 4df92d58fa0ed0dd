package io.leadbridge.lead;

import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** An import's record ({@code lead_import}) as it is kept: its file's description, mapping, status and outcome. */
record StoredImport(
        String fileName,
        String encoding,
        char delimiter,
        List<String> columns,
        List<String> mapping,
        String status,
        boolean validOnly,
        long rows,
        long valid,
        long invalid,
        long done,
        List<LeadImports.RowProblem> problems,
        String fileProblem,
        Integer imported,
        String message,
        long existing,
        List<LeadImports.PlannedUpdate> updates,
        boolean updateExisting,
        Integer updated,
        long erased,
        boolean importErased,
        Long stagedRows) {

    boolean checking() {
        return status.equals("ANALYSING");
    }

    /** The import's record in the current workspace; not found when there is none. */
    static StoredImport load(JdbcClient jdbc, ObjectMapper json, long id) {
        return jdbc.sql("""
                        select file_name, encoding, delimiter, header::text as header, mapping::text as mapping, status,
                            valid_only, rows_total, rows_valid, rows_invalid, rows_done, problems::text as problems,
                            file_problem, imported, message, rows_existing, updates::text as updates,
                            update_existing, updated, rows_erased, import_erased, staged_rows
                        from lead_import where tenant_id = ? and id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> new StoredImport(
                        rs.getString("file_name"),
                        rs.getString("encoding"),
                        rs.getString("delimiter").charAt(0),
                        json.readValue(rs.getString("header"), new TypeReference<List<String>>() {}),
                        json.readValue(rs.getString("mapping"), new TypeReference<List<String>>() {}),
                        rs.getString("status"),
                        rs.getBoolean("valid_only"),
                        rs.getLong("rows_total"),
                        rs.getLong("rows_valid"),
                        rs.getLong("rows_invalid"),
                        rs.getLong("rows_done"),
                        json.readValue(rs.getString("problems"), new TypeReference<List<LeadImports.RowProblem>>() {}),
                        rs.getString("file_problem"),
                        (Integer) rs.getObject("imported"),
                        rs.getString("message"),
                        rs.getLong("rows_existing"),
                        json.readValue(
                                rs.getString("updates"), new TypeReference<List<LeadImports.PlannedUpdate>>() {}),
                        rs.getBoolean("update_existing"),
                        (Integer) rs.getObject("updated"),
                        rs.getLong("rows_erased"),
                        rs.getBoolean("import_erased"),
                        (Long) rs.getObject("staged_rows")))
                .optional()
                .orElseThrow(NotFoundException::new);
    }
}
