package io.leadbridge.web;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.metadata.PropertyDescriptor;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which fields of a form must be filled in, as its Bean Validation constraints say: the form fragments mark them
 * ({@code required}, {@code aria-required} and a visible asterisk) from the same rule the server checks, so no template
 * has to repeat it. Templates call it as {@code @requiredFields.of(#object, 'email')}.
 */
@Component("requiredFields")
public class RequiredFields {

    private static final Set<Class<?>> REQUIRING = Set.of(NotBlank.class, NotEmpty.class, NotNull.class);

    private final Validator validator;

    RequiredFields(Validator validator) {
        this.validator = validator;
    }

    /** Whether the form's field must be filled in (false for no form or a field without such a constraint). */
    public boolean of(Object form, String field) {
        if (form == null || field == null) {
            return false;
        }
        PropertyDescriptor property =
                validator.getConstraintsForClass(form.getClass()).getConstraintsForProperty(field);
        return property != null
                && property.getConstraintDescriptors().stream()
                        .anyMatch(c -> REQUIRING.contains(c.getAnnotation().annotationType()));
    }
}
