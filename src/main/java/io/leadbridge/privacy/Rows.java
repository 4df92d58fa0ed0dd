package io.leadbridge.privacy;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a SQL row into an export's row: column labels to plain values (numbers, flags, text; times as ISO text). */
public final class Rows {

    private Rows() {}

    public static Map<String, Object> row(ResultSet rs, int rowNumber) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Timestamp timestamp) {
                value = timestamp.toInstant().toString();
            } else if (value instanceof Array array) {
                value = java.util.List.of((Object[]) array.getArray()).stream()
                        .map(String::valueOf)
                        .toList();
            } else if (!(value == null
                    || value instanceof BigDecimal
                    || value instanceof Number
                    || value instanceof Boolean)) {
                value = value.toString();
            }
            row.put(meta.getColumnLabel(i), value);
        }
        return row;
    }
}
