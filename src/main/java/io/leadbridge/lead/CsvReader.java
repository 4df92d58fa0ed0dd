package io.leadbridge.lead;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads CSV records one at a time from a stream, as spreadsheets write them (RFC 4180: a cell in double quotes may hold
 * the delimiter, line breaks and doubled quotes; a quote inside an unquoted cell is taken as it is), and goes on after a
 * broken record: a quoted cell with text after its closing quote, or a quote that is never closed, is reported for the
 * line it starts on, and reading resumes with the next line. Memory is bounded whatever the input: a line holds at most
 * {@link #MAX_LINE} characters, a record at most {@link #MAX_RECORD_LINES} lines, {@link #MAX_RECORD} characters and
 * {@link #MAX_COLUMNS} cells.
 *
 * <p>Written here rather than taken from Apache Commons CSV (which the export still uses to write): its parser stops at
 * the first malformed record and cannot be resumed, so one stray quote made a whole file unreadable.
 */
final class CsvReader {

    static final int MAX_LINE = 100_000;
    static final int MAX_RECORD_LINES = 50;
    static final int MAX_RECORD = 200_000;
    static final int MAX_COLUMNS = 200;

    /** What the reader found next: a record or why the lines starting at {@code line} are none. */
    sealed interface Item permits Row, Broken {
        long line();
    }

    /** A record and the line it starts on (1 for the first line of the file). */
    record Row(long line, List<String> cells) implements Item {}

    /**
     * Lines that are no record, and why: a message code of the bundles ({@code import.line.*}) with its arguments.
     */
    record Broken(long line, String code, Object... arguments) implements Item {

        /** Whether the record had more than {@link #MAX_COLUMNS} cells. */
        boolean tooWide() {
            return code.equals(TOO_WIDE);
        }
    }

    static final String TOO_LONG = "import.line.tooLong";
    static final String TOO_WIDE = "import.line.tooWide";
    static final String TEXT_AFTER_QUOTE = "import.line.textAfterQuote";
    static final String QUOTE_NOT_CLOSED = "import.line.quoteNotClosed";

    private record Line(long number, String text, boolean tooLong) {}

    private final Reader in;
    private final char delimiter;
    private final Deque<Line> again = new ArrayDeque<>();
    private long lineNumber;
    private boolean ended;
    private int peeked = -2;
    private final char[] buffer = new char[8_192];
    private int position;
    private int filled;

    CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The delimiter of a file, from its first line: semicolon, tab or comma, whichever occurs most outside quotes. */
    static char delimiterOf(String firstLine) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> {}
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /** The next record or broken record, skipping empty lines; null at the end of the file. */
    Item next() {
        while (true) {
            Line first = line();
            if (first == null) {
                return null;
            }
            if (first.tooLong()) {
                return new Broken(first.number(), TOO_LONG, MAX_LINE);
            }
            if (first.text().isBlank()) {
                continue;
            }
            List<Line> taken = new ArrayList<>();
            taken.add(first);
            StringBuilder text = new StringBuilder(first.text());
            while (true) {
                Parsed parsed = parse(text);
                if (parsed.cells() != null) {
                    return new Row(first.number(), parsed.cells());
                }
                if (parsed.problem() != null) {
                    giveBack(taken);
                    return new Broken(first.number(), parsed.problem(), parsed.arguments());
                }
                // Still inside a quoted cell: it goes on on the next line, unless it never ends.
                Line more = taken.size() < MAX_RECORD_LINES && text.length() < MAX_RECORD ? line() : null;
                if (more == null || more.tooLong()) {
                    if (more != null) {
                        taken.add(more);
                    }
                    giveBack(taken);
                    return new Broken(first.number(), QUOTE_NOT_CLOSED);
                }
                taken.add(more);
                text.append('\n').append(more.text());
            }
        }
    }

    /** The lines after the first of a broken record are read again as records of their own. */
    private void giveBack(List<Line> taken) {
        for (int i = taken.size() - 1; i >= 1; i--) {
            again.addFirst(taken.get(i));
        }
    }

    private record Parsed(List<String> cells, String problem, Object... arguments) {}

    private static final Parsed OPEN = new Parsed(null, null);

    /** The cells of one record's text; {@link #OPEN} while a quoted cell has not ended yet. */
    private Parsed parse(CharSequence text) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && text.charAt(i) == ' ' && delimiter != ' ') {
                i++;
            }
            if (i < n && text.charAt(i) == '"') {
                StringBuilder cell = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        return OPEN;
                    }
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell.append(c);
                    i++;
                }
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && text.charAt(i) != delimiter) {
                    return new Parsed(null, TEXT_AFTER_QUOTE, cells.size() + 1);
                }
                cells.add(cell.toString());
            } else {
                int start = i;
                while (i < n && text.charAt(i) != delimiter) {
                    i++;
                }
                cells.add(text.subSequence(start, i).toString().strip());
            }
            if (cells.size() > MAX_COLUMNS) {
                return new Parsed(null, TOO_WIDE, MAX_COLUMNS);
            }
            if (i >= n) {
                return new Parsed(cells, null);
            }
            i++; // the delimiter
        }
    }

    /** The next physical line (a line break is \n, \r\n or \r), or null at the end. */
    private Line line() {
        if (!again.isEmpty()) {
            return again.removeFirst();
        }
        if (ended) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        while (true) {
            int c = read();
            if (c < 0) {
                ended = true;
                if (text.isEmpty() && !tooLong) {
                    return null;
                }
                break;
            }
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                break;
            }
            if (text.length() < MAX_LINE) {
                text.append((char) c);
            } else {
                tooLong = true;
            }
        }
        lineNumber++;
        return new Line(lineNumber, tooLong ? "" : text.toString(), tooLong);
    }

    private int read() {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return next1();
    }

    private int peek() {
        if (peeked == -2) {
            peeked = next1();
        }
        return peeked;
    }

    /**
     * The next character from the reader's own buffer: {@code Reader.read()} per character (a lock and a call each) was
     * a tenth of a 100,000-row check's CPU samples (issue 21).
     */
    private int next1() {
        if (position >= filled) {
            if (filled < 0) {
                return -1;
            }
            try {
                filled = in.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position = 0;
            if (filled <= 0) {
                filled = -1;
                return -1;
            }
        }
        return buffer[position++];
    }
}
