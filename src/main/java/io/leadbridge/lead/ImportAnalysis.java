package io.leadbridge.lead;

import io.leadbridge.lead.LeadProblem.CodedProblem;
import io.leadbridge.privacy.ErasedPeople;
import io.leadbridge.shared.Refusal;
import io.leadbridge.timeline.FieldChange;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The check of an import's file, row by row, as the preview shows it and as the import itself runs it: the field rules,
 * duplicates in the file, and — a chunk of {@value LeadImports#CHUNK} rows at a time — duplicates in the workspace.
 */
@Component
class ImportAnalysis {

    /** The changes shown per planned update, and the longest value shown (the preview stays bounded). */
    static final int CHANGES_SHOWN = 8;

    static final int VALUE_SHOWN = 80;

    private final LeadManagement leads;
    private final LeadBulk bulk;
    private final LeadReturns returns;
    private final ImportFiles files;
    private final ErasedPeople erasedPeople;
    private final ImportReaders readers;

    ImportAnalysis(
            LeadManagement leads,
            LeadBulk bulk,
            LeadReturns returns,
            ImportFiles files,
            ErasedPeople erasedPeople,
            ImportReaders readers) {
        this.erasedPeople = erasedPeople;
        this.readers = readers;
        this.leads = leads;
        this.bulk = bulk;
        this.returns = returns;
        this.files = files;
    }

    /** A row of the file for a lead the workspace has (the same e-mail address), to update that lead. */
    record Update(long line, long leadId, LeadInput input, LeadInput sent) {}

    /** What a pass over the file found: counts, the first problems, and a problem of the whole file. */
    static final class Analysis {
        long rows;
        long valid;
        long invalid;
        /** Rows for leads the workspace has (by e-mail address); among the invalid ones unless they update. */
        long existing;
        /** Rows of people erased from the workspace, skipped (not invalid) unless the import takes them again. */
        long erased;

        String fileProblem;
        final List<LeadImports.RowProblem> problems = new ArrayList<>();
        /** The first of the rows for existing leads, with what they would change. */
        final List<LeadImports.PlannedUpdate> updates = new ArrayList<>();
    }

    /**
     * One pass over the file, record by record: each is checked as the lead it would become (the field rules,
     * duplicates in the file, then — a chunk at a time — in the workspace). The valid leads of each chunk go to {@code
     * valid} when given; with {@code allOrNothing} the first invalid row ends the pass with {@code
     * import.invalidRows}. Problems are kept in line order, the first {@value LeadImports#PROBLEMS_SHOWN} of them.
     */
    Analysis analyse(long id, StoredImport stored, Consumer<List<LeadInput>> valid, boolean allOrNothing) {
        return analyse(id, stored, valid, null, allOrNothing);
    }

    /**
     * The same; with {@code updates} given, a row for a lead the workspace has (the same e-mail address) is no
     * duplicate but an update, handed to {@code updates} a chunk at a time (after the chunk's new leads).
     */
    Analysis analyse(
            long id,
            StoredImport stored,
            Consumer<List<LeadInput>> valid,
            Consumer<List<Update>> updates,
            boolean allOrNothing) {
        return analyse(id, stored, valid, updates, allOrNothing, null);
    }

    /**
     * The check for the preview, which also stages the valid rows ({@link ImportStaging}) for the import: the erased
     * people's rows among them, marked as such.
     */
    Analysis check(long id, StoredImport stored, ImportStaging.Stage stage) {
        return analyse(id, stored, null, null, false, stage);
    }

    private Analysis analyse(
            long id,
            StoredImport stored,
            Consumer<List<LeadInput>> valid,
            Consumer<List<Update>> updates,
            boolean allOrNothing,
            ImportStaging.Stage stage) {
        Analysis analysis = new Analysis();
        List<String> codes = leads.industries();
        // The file is read and its rows checked on a thread of their own while this one checks the previous chunk
        // against the workspace and stages it (issue 21): the two took about the same time one after the other.
        try (ImportReaders.Reading<Chunk> reading =
                readers.start(chunks -> read(id, stored, codes, allOrNothing, chunks))) {
            for (Chunk chunk = reading.next(); chunk != null; chunk = reading.next()) {
                analysis.rows += chunk.rows;
                analysis.invalid += chunk.invalidRows;
                if (chunk.fileProblem != null) {
                    analysis.fileProblem = chunk.fileProblem;
                }
                flush(analysis, chunk, valid, updates, allOrNothing, stored.importErased(), stage);
            }
        }
        return analysis;
    }

    /**
     * Reads the file record by record and checks each as the lead it would become (the field rules, then duplicates
     * in the file), handing on the rows a chunk of {@value LeadImports#CHUNK} at a time, each chunk's problems in line
     * order (as many as the preview could show); with {@code allOrNothing} the first invalid row ends it with {@code
     * import.invalidRows}. Runs on a thread of {@link ImportReaders}, in the workspace, with the file read in a read-only
     * transaction of its own.
     */
    void read(long id, StoredImport stored, List<String> codes, boolean allOrNothing, Consumer<Chunk> chunks) {
        Map<String, Long> emails = new HashMap<>();
        Map<String, Long> externalIds = new HashMap<>();
        long rows = 0;
        Chunk chunk = new Chunk();
        try (Reader text = files.text(id, stored.encoding())) {
            CsvReader reader = new CsvReader(text, stored.delimiter());
            boolean header = true;
            for (CsvReader.Item item = reader.next(); item != null; item = reader.next()) {
                if (header) {
                    header = false;
                    continue;
                }
                if (rows >= LeadImports.MAX_ROWS) {
                    chunk.fileProblem = "import.tooManyRows";
                    break;
                }
                rows++;
                chunk.rows++;
                List<CodedProblem> problems = new ArrayList<>();
                LeadInput input = null;
                LeadInput sent = null;
                if (item instanceof CsvReader.Broken broken) {
                    problems.add(CodedProblem.of("", broken.code(), broken.arguments()));
                } else if (item instanceof CsvReader.Row row) {
                    LeadCsv.Row lead = LeadCsv.row(row.line(), row.cells(), stored.mapping());
                    problems.addAll(lead.problems());
                    problems.addAll(leads.codedProblems(lead.input(), codes));
                    input = lead.input();
                    sent = lead.sent();
                }
                if (problems.isEmpty()) {
                    String email = input.getEmail().toLowerCase(Locale.ROOT);
                    Long first = emails.putIfAbsent(email, item.line());
                    if (first != null) {
                        problems.add(CodedProblem.of("email", "import.problem.sameEmail", first));
                    } else if (input.getExternalId() != null) {
                        Long firstExternal = externalIds.putIfAbsent(input.getExternalId(), item.line());
                        if (firstExternal != null) {
                            problems.add(CodedProblem.of("externalId", "import.problem.sameExternalId", firstExternal));
                        }
                    }
                }
                if (problems.isEmpty()) {
                    chunk.candidates.add(input);
                    chunk.sent.add(sent);
                    chunk.lines.add(item.line());
                } else {
                    if (allOrNothing) {
                        throw Refusal.refused("import.invalidRows");
                    }
                    chunk.invalidRows++;
                    // The chunk's first problems in line order: a later row's could never be among those shown.
                    if (chunk.problems.size() < LeadImports.PROBLEMS_SHOWN) {
                        for (CodedProblem p : problems) {
                            chunk.problems.add(new LeadImports.RowProblem(
                                    item.line(), p.field(), p.code(), p.arguments(), null, null));
                        }
                    }
                }
                if (chunk.size() >= LeadImports.CHUNK) {
                    chunks.accept(chunk);
                    chunk = new Chunk();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunks.accept(chunk);
    }

    /** Rows of the file read and checked on their own, to be checked against the workspace together. */
    static final class Chunk {
        final List<LeadInput> candidates = new ArrayList<>();
        final List<LeadInput> sent = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();
        final List<LeadImports.RowProblem> problems = new ArrayList<>();
        /** The chunk's records, and those among them that are invalid on their own (not counted in candidates). */
        long rows;

        int invalidRows;
        /** A problem of the whole file found in this chunk ({@code import.tooManyRows}): reading ended there. */
        String fileProblem;

        int size() {
            return candidates.size() + invalidRows;
        }
    }

    private static void invalid(
            Analysis analysis,
            Chunk chunk,
            long line,
            List<CodedProblem> problems,
            Long duplicateOf,
            boolean allOrNothing) {
        if (allOrNothing) {
            throw Refusal.refused("import.invalidRows");
        }
        analysis.invalid++;
        if (analysis.problems.size() < LeadImports.PROBLEMS_SHOWN) {
            for (CodedProblem p : problems) {
                chunk.problems.add(
                        new LeadImports.RowProblem(line, p.field(), p.code(), p.arguments(), duplicateOf, null));
            }
        }
    }

    /** Checks the chunk's candidates against the workspace, hands on the valid ones, keeps the problems in order. */
    private void flush(
            Analysis analysis,
            Chunk chunk,
            Consumer<List<LeadInput>> valid,
            Consumer<List<Update>> updates,
            boolean allOrNothing,
            boolean importErased,
            ImportStaging.Stage stage) {
        List<LeadBulk.Taken> taken = chunk.candidates.isEmpty() ? List.of() : bulk.taken(chunk.candidates);
        List<LeadInput> accepted = new ArrayList<>();
        List<Update> updating = new ArrayList<>();
        List<Integer> planned = new ArrayList<>();
        for (int i = 0; i < chunk.candidates.size(); i++) {
            LeadBulk.Taken duplicate = taken.get(i);
            boolean existing = duplicate != null && duplicate.field().equals("email");
            if (duplicate == null) {
                accepted.add(chunk.candidates.get(i));
            } else if (existing && updates != null) {
                analysis.existing++;
                updating.add(
                        new Update(chunk.lines.get(i), duplicate.leadId(), chunk.candidates.get(i), chunk.sent.get(i)));
            } else {
                if (existing) {
                    analysis.existing++;
                    if (analysis.updates.size() + planned.size() < LeadImports.PROBLEMS_SHOWN) {
                        planned.add(i);
                    }
                }
                String field = duplicate.field();
                invalid(
                        analysis,
                        chunk,
                        chunk.lines.get(i),
                        List.of(CodedProblem.of(
                                field,
                                field.equals("email")
                                        ? "import.problem.emailExists"
                                        : "import.problem.externalIdExists")),
                        duplicate.leadId(),
                        allOrNothing);
            }
        }
        List<LeadInput> candidates = accepted;
        if (!importErased && !accepted.isEmpty()) {
            accepted = withoutErased(analysis, chunk, accepted);
        }
        if (stage != null && !candidates.isEmpty()) {
            Map<LeadInput, Long> lines = new java.util.IdentityHashMap<>();
            for (int i = 0; i < chunk.candidates.size(); i++) {
                lines.put(chunk.candidates.get(i), chunk.lines.get(i));
            }
            java.util.Set<LeadInput> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            kept.addAll(accepted);
            stage.add(candidates, lines, input -> !kept.contains(input));
        }
        analysis.valid += accepted.size();
        if (valid != null && !accepted.isEmpty()) {
            valid.accept(accepted);
        }
        if (!updating.isEmpty()) {
            updates.accept(updating);
        }
        if (valid == null) {
            plan(analysis, chunk, planned); // for the preview: the check, not an import
        }
        chunk.problems.sort(Comparator.comparingLong(LeadImports.RowProblem::line));
        for (LeadImports.RowProblem problem : chunk.problems) {
            if (analysis.problems.size() < LeadImports.PROBLEMS_SHOWN) {
                analysis.problems.add(problem);
            }
        }
    }

    /**
     * The accepted leads of the chunk without the people erased from the workspace (issue 20), looked up with one
     * query for the chunk; each skipped row is listed with a warning at its e-mail.
     */
    private List<LeadInput> withoutErased(Analysis analysis, Chunk chunk, List<LeadInput> accepted) {
        java.util.Set<String> erased = erasedPeople.erasedAmong(
                accepted.stream().map(LeadInput::getEmail).toList());
        if (erased.isEmpty()) {
            return accepted;
        }
        Map<LeadInput, Long> lines = new java.util.IdentityHashMap<>();
        for (int i = 0; i < chunk.candidates.size(); i++) {
            lines.put(chunk.candidates.get(i), chunk.lines.get(i));
        }
        List<LeadInput> kept = new ArrayList<>();
        for (LeadInput input : accepted) {
            if (erased.contains(input.getEmail().toLowerCase(Locale.ROOT))) {
                analysis.erased++;
                if (analysis.problems.size() + chunk.problems.size() < LeadImports.PROBLEMS_SHOWN) {
                    chunk.problems.add(
                            new LeadImports.RowProblem(lines.get(input), "email", ERASED_PERSON, Map.of(), null, null));
                }
            } else {
                kept.add(input);
            }
        }
        return kept;
    }

    /** The warning at a row of a person erased from the workspace. */
    static final String ERASED_PERSON = "import.problem.erasedPerson";

    /**
     * The preview's planned updates of these rows of the chunk: the lead each would update and what would change
     * (field by field, at most {@link #CHANGES_SHOWN}, values cut at {@link #VALUE_SHOWN} characters), the leads read
     * with one look-up.
     */
    private void plan(Analysis analysis, Chunk chunk, List<Integer> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, LeadReturns.Existing> existing = returns.byEmail(
                rows.stream().map(i -> chunk.candidates.get(i).getEmail()).toList(), false);
        for (int i : rows) {
            LeadReturns.Existing lead =
                    existing.get(chunk.candidates.get(i).getEmail().toLowerCase(Locale.ROOT));
            if (lead == null) {
                continue;
            }
            List<FieldChange> changes = lead.data().changesTo(new LeadReturns.Return(lead, chunk.sent.get(i)).merged());
            List<FieldChange> shown = changes.stream()
                    .limit(CHANGES_SHOWN)
                    .map(c -> new FieldChange(c.field(), cut(c.before()), cut(c.after())))
                    .toList();
            analysis.updates.add(new LeadImports.PlannedUpdate(
                    chunk.lines.get(i), lead.id(), lead.name(), shown, changes.size() - shown.size()));
        }
    }

    private static String cut(String value) {
        return value == null || value.length() <= VALUE_SHOWN ? value : value.substring(0, VALUE_SHOWN - 1) + "…";
    }
}
