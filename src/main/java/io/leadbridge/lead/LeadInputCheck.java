package io.leadbridge.lead;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A quick answer to "does Bean Validation find nothing wrong with this {@link LeadInput}?" (issue 21): the same
 * constraints, read from the same annotations, checked directly — without Bean Validation's paths, nodes and
 * traversal, which were half of a 100,000-row import check's CPU. It only ever answers "valid" or "ask the validator":
 * {@link LeadManagement} runs the validator for every input this check does not pass, so every problem is still found
 * and worded by Bean Validation, field by field.
 *
 * <p>Exact by construction: at start it takes each constrained field's annotations and compares them with what the
 * validator's own metadata lists for {@link LeadInput}. If the validator knows of any constraint this class does not
 * check the same way (a class-level or getter constraint, a group, a composed constraint, an annotation other than
 * {@code @Size}, {@code @NotBlank}, {@code @Pattern}, {@code @Min}, {@code @Max} or one validated by a single
 * validator class of the application's own), the check is off and every input goes to the validator.
 */
final class LeadInputCheck {

    private final List<Predicate<LeadInput>> rules;

    private LeadInputCheck(List<Predicate<LeadInput>> rules) {
        this.rules = rules;
    }

    /** The check for {@link LeadInput}'s constraints as {@code validator} sees them; off (null rules) if unsure. */
    static LeadInputCheck of(Validator validator) {
        try {
            return new LeadInputCheck(rules(validator.getConstraintsForClass(LeadInput.class)));
        } catch (RuntimeException | ReflectiveOperationException | LinkageError unsure) {
            return new LeadInputCheck(null);
        }
    }

    /** Whether the check is on (it covers every constraint the validator knows for {@link LeadInput}). */
    boolean on() {
        return rules != null;
    }

    /** True only if Bean Validation would find no problem with {@code input}; false means "ask the validator". */
    boolean certainlyValid(LeadInput input) {
        if (rules == null) {
            return false;
        }
        for (Predicate<LeadInput> rule : rules) {
            if (!rule.test(input)) {
                return false;
            }
        }
        return true;
    }

    private static List<Predicate<LeadInput>> rules(BeanDescriptor bean) throws ReflectiveOperationException {
        if (!bean.getConstraintDescriptors().isEmpty()
                || !bean.getConstrainedMethods(
                                jakarta.validation.metadata.MethodType.GETTER,
                                jakarta.validation.metadata.MethodType.NON_GETTER)
                        .isEmpty()) {
            return null;
        }
        List<Predicate<LeadInput>> rules = new ArrayList<>();
        int covered = 0;
        for (Field field : LeadInput.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            List<Annotation> constraints = new ArrayList<>();
            for (Annotation annotation : field.getAnnotations()) {
                if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                    constraints.add(annotation);
                }
            }
            if (constraints.isEmpty()) {
                continue;
            }
            PropertyDescriptor property = bean.getConstraintsForProperty(field.getName());
            if (property == null
                    || property.isCascaded()
                    || !property.getConstrainedContainerElementTypes().isEmpty()
                    || property.getConstraintDescriptors().size() != constraints.size()) {
                return null;
            }
            for (ConstraintDescriptor<?> descriptor : property.getConstraintDescriptors()) {
                if (!descriptor.getGroups().equals(java.util.Set.of(jakarta.validation.groups.Default.class))
                        || !descriptor.getComposingConstraints().isEmpty()
                        || !constraints.contains(descriptor.getAnnotation())) {
                    return null;
                }
            }
            field.setAccessible(true);
            for (Annotation annotation : constraints) {
                Predicate<Object> valid = valid(annotation, field.getType());
                if (valid == null) {
                    return null;
                }
                rules.add(input -> {
                    try {
                        return valid.test(field.get(input));
                    } catch (IllegalAccessException | RuntimeException e) {
                        return false;
                    }
                });
            }
            covered++;
        }
        return covered == bean.getConstrainedProperties().size() ? List.copyOf(rules) : null;
    }

    /** The constraint's rule, as Hibernate Validator's built-in validators check it; null if not covered here. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate<Object> valid(Annotation annotation, Class<?> type) throws ReflectiveOperationException {
        if (annotation instanceof Size size && type == String.class) {
            return value -> value == null
                    || (((String) value).length() >= size.min() && ((String) value).length() <= size.max());
        }
        if (annotation instanceof NotBlank && type == String.class) {
            return value -> value != null && !((String) value).trim().isEmpty();
        }
        if (annotation instanceof Pattern pattern && type == String.class) {
            int flags = 0;
            for (Pattern.Flag flag : pattern.flags()) {
                flags |= flag.getValue();
            }
            java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(pattern.regexp(), flags);
            return value -> value == null || compiled.matcher((String) value).matches();
        }
        if (annotation instanceof Min min && type == Integer.class) {
            return value -> value == null || ((Integer) value).longValue() >= min.value();
        }
        if (annotation instanceof Max max && type == Integer.class) {
            return value -> value == null || ((Integer) value).longValue() <= max.value();
        }
        Class<? extends ConstraintValidator<?, ?>>[] by =
                annotation.annotationType().getAnnotation(Constraint.class).validatedBy();
        if (by.length != 1
                || !by[0].getName().startsWith("io.leadbridge.")
                || annotation.annotationType().getName().startsWith("jakarta.")) {
            return null;
        }
        var constructor = by[0].getDeclaredConstructor();
        constructor.setAccessible(true);
        ConstraintValidator validator = constructor.newInstance();
        validator.initialize(annotation);
        return value -> {
            try {
                return validator.isValid(value, null);
            } catch (RuntimeException unsure) {
                return false;
            }
        };
    }
}
