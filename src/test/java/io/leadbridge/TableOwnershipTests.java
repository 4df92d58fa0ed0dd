package io.leadbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.Role;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.lead.Stage;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each module owns its tables (issue 17). The migrated database says who owns what: every table carries {@code COMMENT
 * ON TABLE t IS 'Owned by <module>: …'} and every view {@code 'Published by <module>: …'}, written by the migration
 * that creates it. The SQL in a module's Java sources (string literals and text blocks) may name its own tables and
 * any published view, never another module's table; tables owned by {@code infrastructure} only the {@code config}
 * module may name. Nor may a module's SQL spell another module's codes (the constants of the owners' public enums) as
 * literals: it binds them from the owner's enum, or reads the view's flag.
 */
@IntegrationTest
class TableOwnershipTests {

    static final Path SOURCES = Path.of("src/main/java/io/leadbridge");

    /** Tables owned by no module of the application but by its platform (e.g. the event publication registry). */
    static final String INFRASTRUCTURE = "infrastructure";

    /** The one module that may name the infrastructure's tables. */
    static final Set<String> INFRASTRUCTURE_READERS = Set.of("config");

    /** The codes each module owns: the constants of its public enums that its tables store. */
    static final List<Class<? extends Enum<?>>> OWNED_CODES = List.of(
            HandoffView.Status.class,
            Stage.class,
            Role.class,
            io.leadbridge.agreement.Status.class,
            DisputeView.Status.class);

    @Autowired
    OwnerDatabase database;

    @Test
    void everyTableNamesItsOwnerAndEveryViewItsPublisher() {
        Set<String> modules = modules();
        List<String> problems = new ArrayList<>();
        for (Relation relation : relations()) {
            String expected = relation.view() ? "Published by <module>: …" : "Owned by <module>: …";
            if (relation.owner() == null) {
                problems.add("%s %s has no comment '%s' (say so in the migration that creates it)"
                        .formatted(relation.kind(), relation.name(), expected));
            } else if (!modules.contains(relation.owner()) && !relation.owner().equals(INFRASTRUCTURE)) {
                problems.add("%s %s names '%s' as its owner, which is no module (modules: %s, or %s)"
                        .formatted(relation.kind(), relation.name(), relation.owner(), modules, INFRASTRUCTURE));
            }
        }
        assertThat(problems)
                .withFailMessage(() -> "Tables and views without a known owner:%n  %s"
                        .formatted(String.join("%n  ".formatted(), problems)))
                .isEmpty();
    }

    @Test
    void noModuleNamesAnotherModulesTableInItsSql() {
        Map<String, String> owners = new TreeMap<>();
        for (Relation relation : relations()) {
            if (!relation.view() && relation.owner() != null) {
                owners.put(relation.name(), relation.owner());
            }
        }
        assertThat(owners).as("tables read from the migrated database").containsKeys("lead", "handoff", "account");
        List<String> violations = new ArrayList<>();
        for (SourceFile file : sources()) {
            for (Literal sql : Sql.literals(file.text())) {
                for (Sql.Name name : Sql.tableNames(sql.text())) {
                    String owner = owners.get(name.name());
                    if (owner == null || owner.equals(file.module())) {
                        continue;
                    }
                    if (owner.equals(INFRASTRUCTURE) && INFRASTRUCTURE_READERS.contains(file.module())) {
                        continue;
                    }
                    violations.add("%s:%d names table %s, owned by %s"
                            .formatted(file.path(), sql.lineOf(name.at()), name.name(), owner));
                }
            }
        }
        assertThat(violations)
                .withFailMessage(() -> """
                        SQL in these modules names tables another module owns; read the view the owner publishes \
                        (COMMENT ON VIEW … 'Published by …') or call the owner's API instead (%d places):
                          %s""".formatted(violations.size(), String.join("%n  ".formatted(), violations)))
                .isEmpty();
    }

    @Test
    void noModuleSpellsAnotherModulesCodesInItsSql() {
        Map<String, Set<String>> codeOwners = codeOwners();
        List<String> violations = new ArrayList<>();
        for (SourceFile file : sources()) {
            for (Literal sql : Sql.literals(file.text())) {
                Matcher quoted = Sql.QUOTED_CODE.matcher(sql.text());
                while (quoted.find()) {
                    Set<String> owners = codeOwners.get(quoted.group(1));
                    if (owners != null && !owners.contains(file.module())) {
                        violations.add("%s:%d spells '%s', a code of %s"
                                .formatted(
                                        file.path(),
                                        sql.lineOf(quoted.start()),
                                        quoted.group(1),
                                        String.join(" and ", owners)));
                    }
                }
            }
        }
        assertThat(violations)
                .withFailMessage(() -> """
                        SQL in these modules spells another module's codes as literals; bind them from the owner's \
                        enum (e.g. Stage.WON.name()) or use the view's flag (account_person.sales_rep) (%d places):
                          %s""".formatted(violations.size(), String.join("%n  ".formatted(), violations)))
                .isEmpty();
    }

    /** The scanner itself: it finds tables across lines, after aliases and commas, and codes in concatenations. */
    @Test
    void theScannerFindsTablesAndCodesWhereverTheSqlPutsThem() {
        String source = """
                class Example {
                    // from account a  (a comment is no SQL)
                    String one = \"""
                            select l.id, a.display_name
                            from
                              lead l, handoff h
                            LEFT JOIN account AS a on a.id = l.owner_id
                            where h.status = 'AWAITING'
                            \""";
                    String two = "update " + "lead_event set x = 1";
                    String three = "select x from public.\\"dispute\\" d, revenue_goal g where stage = 'WON'";
                    String four = "insert into notification (a) values ('it''s') on conflict do update set a = 1";
                    String five = "select extract(epoch from decided_at - handed_at) from lead_comment";
                    char quote = '"';
                }
                """;
        List<Literal> literals = Sql.literals(source);
        List<String> names = literals.stream()
                .flatMap(literal -> Sql.tableNames(literal.text()).stream().map(Sql.Name::name))
                .toList();
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "lead",
                        "account",
                        "handoff",
                        "lead_event",
                        "dispute",
                        "revenue_goal",
                        "notification",
                        "decided_at",
                        "lead_comment");
        Literal first = literals.get(0);
        int lead = first.text().indexOf("lead l");
        assertThat(first.lineOf(lead)).isEqualTo(6);
        List<String> codes = literals.stream()
                .flatMap(literal -> Sql.QUOTED_CODE.matcher(literal.text()).results())
                .map(match -> match.group(1))
                .toList();
        assertThat(codes).containsExactly("AWAITING", "WON");
    }

    // --- the database's owners

    record Relation(String name, String kind, String owner) {
        boolean view() {
            return kind.equals("view");
        }
    }

    private static final Pattern OWNED = Pattern.compile("^Owned by ([a-z_]+):");
    private static final Pattern PUBLISHED = Pattern.compile("^Published by ([a-z_]+):");

    private List<Relation> relations() {
        return database.jdbc()
                .sql("""
                        select c.relname, case when c.relkind in ('v', 'm') then 'view' else 'table' end,
                               obj_description(c.oid, 'pg_class')
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f')
                          and not c.relispartition and c.relname <> 'flyway_schema_history'
                        order by c.relname
                        """)
                .query((rs, row) -> {
                    String kind = rs.getString(2);
                    String comment = rs.getString(3);
                    Matcher owner = (kind.equals("view") ? PUBLISHED : OWNED).matcher(comment == null ? "" : comment);
                    return new Relation(rs.getString(1), kind, owner.find() ? owner.group(1) : null);
                })
                .list();
    }

    /** Each code and the modules whose public enums define it (a code two modules define, either may spell). */
    static Map<String, Set<String>> codeOwners() {
        Map<String, Set<String>> owners = new TreeMap<>();
        for (Class<? extends Enum<?>> type : OWNED_CODES) {
            String module = moduleOf(type.getPackageName());
            for (Enum<?> constant : type.getEnumConstants()) {
                owners.computeIfAbsent(constant.name(), code -> new TreeSet<>()).add(module);
            }
        }
        return owners;
    }

    static String moduleOf(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }

    // --- the modules' sources

    record SourceFile(Path path, String module, String text) {}

    static Set<String> modules() {
        try (Stream<Path> children = Files.list(SOURCES)) {
            return children.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SourceFile> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> SOURCES.relativize(file).getNameCount() > 1)
                    .sorted()
                    .map(file -> new SourceFile(
                            file, SOURCES.relativize(file).getName(0).toString(), read(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of a string literal or text block as written (escapes kept), or of several joined by {@code +}, with
     * where each piece starts in the file, so that a match can say its line.
     */
    record Literal(String text, int[] pieceStarts, int[] pieceLines) {

        int lineOf(int index) {
            int piece = 0;
            while (piece + 1 < pieceStarts.length && pieceStarts[piece + 1] <= index) {
                piece++;
            }
            int line = pieceLines[piece];
            for (int i = pieceStarts[piece]; i < index; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    /** Just enough of Java's and SQL's syntax to find the SQL's table names and quoted codes. */
    static final class Sql {

        static final Pattern QUOTED_CODE = Pattern.compile("(?<![A-Za-z0-9_'])'([A-Z][A-Z0-9_]*)'(?!')");

        private static final String IDENTIFIER = "(?:\"*[a-z_][a-z0-9_]*\"*\\.)?\"*([a-z_][a-z0-9_]*)\"*";

        /** A keyword that a table name follows; {@code from} also starts a list of them. */
        private static final Pattern KEYWORD = Pattern.compile(
                "\\b(from|join|update|into|table|using)\\s+(?:only\\s+)?(?:lateral\\s+)?" + IDENTIFIER,
                Pattern.CASE_INSENSITIVE);

        /** The rest of a from list after its first item, up to the next clause. */
        private static final Pattern FROM_LIST_END = Pattern.compile(
                "\\b(where|join|left|right|full|inner|cross|on|group|order|limit|having|window|union|except|"
                        + "intersect|returning|for|set|select)\\b|[();]",
                Pattern.CASE_INSENSITIVE);

        private static final Set<String> NOT_NAMES =
                Set.of("select", "set", "only", "lateral", "values", "default", "not", "exists");

        record Name(String name, int at) {}

        static List<Name> tableNames(String sql) {
            // escapes as written become what they stand for, padded so that every index stays where it was
            String unescaped = sql.replace("\\\"", "\"\"").replace("\\n", "\n ").replace("\\t", "\t ");
            List<Name> names = new ArrayList<>();
            Matcher keyword = KEYWORD.matcher(unescaped);
            while (keyword.find()) {
                add(names, keyword.group(2), keyword.start(2));
                if (keyword.group(1).equalsIgnoreCase("from")) {
                    Matcher end = FROM_LIST_END.matcher(unescaped);
                    int limit = end.find(keyword.end()) ? end.start() : unescaped.length();
                    String rest = unescaped.substring(keyword.end(), limit);
                    // items after the first: ", name [alias]" (an alias, with or without AS, is skipped)
                    Matcher item = Pattern.compile(",\\s*" + IDENTIFIER, Pattern.CASE_INSENSITIVE)
                            .matcher(rest);
                    while (item.find()) {
                        add(names, item.group(1), keyword.end() + item.start(1));
                    }
                }
            }
            return names;
        }

        private static void add(List<Name> names, String name, int at) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!NOT_NAMES.contains(lower)) {
                names.add(new Name(lower, at));
            }
        }

        /** The string literals and text blocks of a Java source, those joined by {@code +} as one. */
        static List<Literal> literals(String source) {
            List<Literal> literals = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            StringBuilder between = new StringBuilder();
            int line = 1;
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    while (i < n && source.charAt(i) != '\n') {
                        i++;
                    }
                } else if (source.startsWith("/*", i)) {
                    int end = source.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    line += count(source, i, end);
                    i = end;
                } else if (c == '\'') {
                    int j = i + 1;
                    while (j < n && source.charAt(j) != '\'') {
                        j += source.charAt(j) == '\\' ? 2 : 1;
                    }
                    between.append('c');
                    i = j + 1;
                } else if (c == '"') {
                    boolean block = source.startsWith("\"\"\"", i);
                    int contentStart;
                    int contentEnd;
                    int contentLine;
                    if (block) {
                        contentStart = source.indexOf('\n', i + 3) + 1;
                        contentLine = line + 1;
                        int j = contentStart;
                        while (j < n && !source.startsWith("\"\"\"", j)) {
                            j += source.charAt(j) == '\\' ? 2 : 1;
                        }
                        contentEnd = j;
                        i = Math.min(n, j + 3);
                    } else {
                        contentStart = i + 1;
                        contentLine = line;
                        int j = contentStart;
                        while (j < n && source.charAt(j) != '"') {
                            j += source.charAt(j) == '\\' ? 2 : 1;
                        }
                        contentEnd = j;
                        i = Math.min(n, j + 1);
                    }
                    boolean joined = !starts.isEmpty() && between.toString().equals("+");
                    if (!joined && !starts.isEmpty()) {
                        literals.add(literal(text, starts, lines));
                        text.setLength(0);
                        starts.clear();
                        lines.clear();
                    }
                    starts.add(text.length());
                    lines.add(contentLine);
                    text.append(source, contentStart, contentEnd);
                    between.setLength(0);
                    line = contentLine + count(source, contentStart, i);
                } else {
                    if (c == '\n') {
                        line++;
                    } else if (!Character.isWhitespace(c)) {
                        between.append(c);
                    }
                    i++;
                }
            }
            if (!starts.isEmpty()) {
                literals.add(literal(text, starts, lines));
            }
            return literals;
        }

        private static Literal literal(StringBuilder text, List<Integer> starts, List<Integer> lines) {
            return new Literal(
                    text.toString(),
                    starts.stream().mapToInt(Integer::intValue).toArray(),
                    lines.stream().mapToInt(Integer::intValue).toArray());
        }

        private static int count(String source, int from, int to) {
            int newlines = 0;
            for (int k = from; k < to && k < source.length(); k++) {
                if (source.charAt(k) == '\n') {
                    newlines++;
                }
            }
            return newlines;
        }

        private Sql() {}
    }
}
