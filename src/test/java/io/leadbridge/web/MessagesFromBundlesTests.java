package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.Bundles;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every message a person can see comes from the bundles, in English and German: each Bean Validation constraint on any
 * class of the application (forms, commands, the lead's input) names a {@code {key}} of both bundles instead of
 * leaving Hibernate Validator's own English ("must be greater than or equal to 1") to show through.
 */
class MessagesFromBundlesTests {

    private static final Pattern KEY = Pattern.compile("\\{([A-Za-z0-9_.\\-]+)\\}");

    @Test
    void everyConstraintOfTheApplicationSaysItsMessageThroughBothBundles() throws Exception {
        Properties english = Bundles.english();
        Properties german = Bundles.german();
        List<String> checked = new ArrayList<>();
        Set<String> wrong = new TreeSet<>();
        for (Class<?> type : applicationClasses()) {
            for (Annotated element : elementsOf(type)) {
                for (Annotation constraint : constraintsOn(element.element())) {
                    Method messageOf = constraint.annotationType().getMethod("message");
                    messageOf.setAccessible(true);
                    String message = (String) messageOf.invoke(constraint);
                    String where =
                            element.name() + " @" + constraint.annotationType().getSimpleName();
                    checked.add(where);
                    Matcher key = KEY.matcher(message);
                    String problem = !key.matches()
                            ? where + ": \"" + message + "\" is not a {key} of the bundles"
                            : !english.containsKey(key.group(1))
                                    ? where + ": " + key.group(1) + " is not in messages.properties"
                                    : !german.containsKey(key.group(1))
                                            ? where + ": " + key.group(1) + " is not in messages_de.properties"
                                            : null;
                    if (problem != null) {
                        wrong.add(problem);
                    }
                }
            }
        }
        assertThat(checked).as("constraints found").hasSizeGreaterThan(30);
        assertThat(wrong)
                .as("constraints whose message is not from both bundles")
                .isEmpty();
    }

    /** The import's codes (its problems with a file, a line or a row) are keys of both bundles. */
    @Test
    void everyCodeTheImportCanGiveIsInBothBundles() throws Exception {
        Properties english = Bundles.english();
        Properties german = Bundles.german();
        Pattern literal = Pattern.compile("\"(import\\.[A-Za-z.]+[A-Za-z])\"");
        Set<String> codes = new TreeSet<>();
        try (var files = Files.list(Path.of("src/main/java/io/leadbridge/lead"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher code = literal.matcher(Files.readString(file));
                while (code.find()) {
                    codes.add(code.group(1));
                }
            }
        }
        assertThat(codes).contains("import.problem.wholeNumber", "import.line.quoteNotClosed", "import.tooManyRows");
        assertThat(codes.stream().filter(c -> !english.containsKey(c) || !german.containsKey(c)))
                .as("codes missing from a bundle")
                .isEmpty();
    }

    record Annotated(String name, AnnotatedElement element) {}

    static List<Class<?>> applicationClasses() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        for (Resource resource :
                new PathMatchingResourcePatternResolver().getResources("classpath*:io/leadbridge/**/*.class")) {
            String url = resource.getURL().toString();
            if (url.contains("/test-classes/")) {
                continue;
            }
            String name = url.substring(url.lastIndexOf("/io/leadbridge/") + 1, url.length() - ".class".length())
                    .replace('/', '.');
            classes.add(Class.forName(name, false, MessagesFromBundlesTests.class.getClassLoader()));
        }
        return classes;
    }

    static List<Annotated> elementsOf(Class<?> type) {
        List<Annotated> elements = new ArrayList<>();
        elements.add(new Annotated(type.getName(), type));
        for (Field field : type.getDeclaredFields()) {
            String name = type.getName() + "." + field.getName();
            elements.add(new Annotated(name, field));
            typeArguments(name, field.getAnnotatedType(), elements);
        }
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
        executables.addAll(List.of(type.getDeclaredConstructors()));
        for (Executable executable : executables) {
            String name = type.getName() + "." + executable.getName() + "()";
            if (executable instanceof Method) {
                elements.add(new Annotated(name, executable));
            }
            for (Parameter parameter : executable.getParameters()) {
                String parameterName = name + " " + parameter.getName();
                elements.add(new Annotated(parameterName, parameter));
                typeArguments(parameterName, parameter.getAnnotatedType(), elements);
            }
        }
        return elements;
    }

    /** Constraints on type arguments, such as {@code List<@NotBlank String>}. */
    private static void typeArguments(String name, AnnotatedType type, List<Annotated> elements) {
        List<AnnotatedType> arguments = new ArrayList<>();
        if (type instanceof AnnotatedParameterizedType parameterized) {
            arguments.addAll(List.of(parameterized.getAnnotatedActualTypeArguments()));
        } else if (type instanceof AnnotatedArrayType array) {
            arguments.add(array.getAnnotatedGenericComponentType());
        }
        for (AnnotatedType argument : arguments) {
            elements.add(new Annotated(name + "<>", argument));
            typeArguments(name + "<>", argument, elements);
        }
    }

    /** The constraints on an element, including those inside a repeated annotation's container ({@code @Size.List}). */
    static List<Annotation> constraintsOn(AnnotatedElement element) throws Exception {
        List<Annotation> constraints = new ArrayList<>();
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                constraints.add(annotation);
            } else {
                for (Method value : annotation.annotationType().getDeclaredMethods()) {
                    value.setAccessible(true);
                    if (value.getName().equals("value")
                            && value.getReturnType().isArray()
                            && value.getReturnType().getComponentType().isAnnotationPresent(Constraint.class)) {
                        constraints.addAll(List.of((Annotation[]) value.invoke(annotation)));
                    }
                }
            }
        }
        return constraints;
    }
}
