package io.leadbridge.lead;

import io.leadbridge.tenant.CurrentTenant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An uploaded file as it is kept: in parts of at most {@link #PART} bytes ({@code lead_import_part}), read back one
 * part at a time, so neither checking nor importing a large file holds it in memory. Reads inside the caller's
 * transaction, in the current workspace.
 */
final class ImportFile {

    static final int PART = 1 << 20;

    private ImportFile() {}

    /** The file's bytes, part after part. */
    static InputStream bytes(JdbcClient jdbc, long importId) {
        UUID tenant = CurrentTenant.require();
        return new InputStream() {
            private byte[] part = new byte[0];
            private int position;
            private int next;
            private boolean ended;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                while (position >= part.length) {
                    if (ended) {
                        return -1;
                    }
                    byte[] loaded = jdbc.sql(
                                    "select bytes from lead_import_part where tenant_id = ? and import_id = ? and part = ?")
                            .params(tenant, importId, next++)
                            .query(byte[].class)
                            .optional()
                            .orElse(null);
                    if (loaded == null) {
                        ended = true;
                        part = new byte[0];
                        return -1;
                    }
                    part = loaded;
                    position = 0;
                }
                int n = Math.min(length, part.length - position);
                System.arraycopy(part, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** The file's text in its encoding, after its byte order mark; undecodable bytes become U+FFFD. */
    static Reader text(JdbcClient jdbc, long importId, Charset charset, int bomLength) {
        try {
            InputStream in = bytes(jdbc, importId);
            in.skipNBytes(bomLength);
            return new BufferedReader(
                    new InputStreamReader(
                            in,
                            charset.newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPLACE)
                                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                    65_536);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first line of the file's text (at most {@link CsvReader#MAX_LINE} characters), for its delimiter. */
    static String firstLine(Reader text) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = text.read()) >= 0 && c != '\n' && c != '\r' && line.length() < CsvReader.MAX_LINE) {
            line.append((char) c);
        }
        return line.toString();
    }
}
