package io.leadbridge.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generated input for property tests: a seeded random source and the pieces hostile input is made of. Each test run
 * takes a new seed (or the one in the system property {@code leadbridge.seed}) and names it in every failure, so a
 * failing case can be run again exactly.
 *
 * <p>Written here instead of taken from jqwik: jqwik 1.10 asks that AI coding agents not use it (it prints so at every
 * run), and this code is written with one. Jazzer's JUnit integration is built for JUnit 5.9 and generates input only in
 * a fuzzing mode that runs one fuzz test per JVM.
 */
public final class Generated {

    /** Characters that decide how text is read: quotes, delimiters, line breaks, NUL and other controls. */
    public static final List<String> TRICKY = List.of(
            "\"",
            "\"\"",
            ";",
            ",",
            "\t",
            "\n",
            "\r\n",
            "\r",
            " ",
            "\u0000",
            "\u0007",
            "\u001b[31m",
            "\u007f",
            "\u0085",
            "\uFEFF",
            "\uD800",
            "\uDC00",
            "😀",
            "Müller",
            "=HYPERLINK(\"x\";\"y\")",
            "<script>",
            "' or 1=1 --");

    private final long seed;
    private final Random random;

    private Generated(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A new source, seeded from {@code -Dleadbridge.seed} when given, else at random. */
    public static Generated fresh() {
        String given = System.getProperty("leadbridge.seed");
        return new Generated(given != null ? Long.parseLong(given) : new Random().nextLong());
    }

    public long seed() {
        return seed;
    }

    /** Names a generated case in an assertion's description: the seed to run it again and the input itself. */
    public String label(int index, byte[] input) {
        String shown =
                Base64.getEncoder().encodeToString(input.length > 600 ? java.util.Arrays.copyOf(input, 600) : input);
        return "case " + index + " of -Dleadbridge.seed=" + seed + " (" + input.length
                + " bytes, base64 from the start: " + shown + ")";
    }

    public String label(int index, String input) {
        return label(index, input.getBytes(StandardCharsets.UTF_8));
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[between(0, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Any characters at all, surrogates and controls included. */
    public String anyText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = between(0, maxLength);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(chance(0.7) ? 0x80 : 0x10000));
        }
        return text.toString();
    }

    public String letters(int minLength, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = between(minLength, maxLength);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** Text joined from pieces: tricky characters, letters, any characters, now and then a huge run or many cells. */
    public String trickyText(int maxPieces) {
        StringBuilder text = new StringBuilder();
        int pieces = between(0, maxPieces);
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                text.append(oneOf(TRICKY));
            } else if (kind < 80) {
                text.append(letters(1, 8));
            } else if (kind < 94) {
                text.append(anyText(4));
            } else if (kind < 97) {
                text.append("x".repeat(between(1_000, 120_000)));
            } else {
                text.append(";".repeat(between(1, 400)));
            }
        }
        return text.toString();
    }

    public <T> List<T> listOf(int minSize, int maxSize, Function<Generated, T> element) {
        List<T> list = new ArrayList<>();
        int size = between(minSize, maxSize);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(this));
        }
        return list;
    }
}
