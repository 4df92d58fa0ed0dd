package io.leadbridge.lead;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the bytes of an uploaded file say before it is read as CSV: whether it is text at all (a workbook, an image or
 * other binary data is not), and its encoding — UTF-8 (with or without BOM) when every byte sequence is valid UTF-8,
 * UTF-16 with its BOM, otherwise Windows-1252, which is what German Excel writes for "CSV (Trennzeichen-getrennt)".
 */
final class CsvBytes {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** How much of the file's beginning is looked at to tell text from binary data. */
    static final int HEAD = 8192;

    private CsvBytes() {}

    /** Why a file that begins with these bytes is not a CSV file (a message code), if it is not. */
    static Optional<String> notText(byte[] head, int length) {
        if (startsWith(head, length, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, length, 0xD0, 0xCF, 0x11, 0xE0)) {
            return Optional.of("import.notCsv.workbook");
        }
        if (utf16(head, length) != null) {
            return Optional.empty();
        }
        int controls = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                controls++;
            }
        }
        // A text file may hold a stray control character (a NUL in a cell is that cell's problem); images, PDFs and
        // programs are full of them: one in fifty bytes is no text.
        return controls * 50 > length ? Optional.of("import.notCsv.binary") : Optional.empty();
    }

    /** UTF-16 by its byte order mark, or null. */
    static Charset utf16(byte[] head, int length) {
        if (startsWith(head, length, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(head, length, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** How many bytes of byte order mark the file begins with for its encoding. */
    static int bomLength(byte[] head, int length, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8) && startsWith(head, length, 0xEF, 0xBB, 0xBF)) {
            return 3;
        }
        return charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE) ? 2 : 0;
    }

    private static boolean startsWith(byte[] bytes, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Checks, piece by piece as a file streams past, whether all of it is valid UTF-8. */
    static final class Utf8Check {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharBuffer out = CharBuffer.allocate(8192);
        private ByteBuffer carry = ByteBuffer.allocate(0);
        private boolean valid = true;

        void feed(byte[] bytes, int offset, int length) {
            if (!valid) {
                return;
            }
            ByteBuffer in = ByteBuffer.allocate(carry.remaining() + length);
            in.put(carry).put(bytes, offset, length).flip();
            decode(in, false);
            carry = in.slice();
        }

        boolean valid() {
            if (valid) {
                decode(carry, true);
                carry = ByteBuffer.allocate(0);
            }
            return valid;
        }

        private void decode(ByteBuffer in, boolean end) {
            while (true) {
                out.clear();
                CoderResult result = decoder.decode(in, out, end);
                if (result.isError()) {
                    valid = false;
                    return;
                }
                if (result.isUnderflow()) {
                    return;
                }
            }
        }
    }
}
