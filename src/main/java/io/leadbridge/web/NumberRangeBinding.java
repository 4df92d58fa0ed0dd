package io.leadbridge.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ObjectUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A whole-number field of a form that cannot hold what was typed ("abc", or 99999999999, more than an int holds) says
 * the range it takes — "Please enter a whole number from 1 to 2,000." — read from the field's {@code @Min} and
 * {@code @Max}, instead of "Please enter a valid value."; the typed text stays in the field (the rejected value).
 */
@ControllerAdvice
class NumberRangeBinding {

    static final String CODE = "typeMismatch.range";

    @InitBinder
    void sayTheRange(WebDataBinder binder) {
        binder.setBindingErrorProcessor(new RangeErrors());
    }

    static final class RangeErrors extends DefaultBindingErrorProcessor {

        @Override
        public void processPropertyAccessException(PropertyAccessException ex, BindingResult bindingResult) {
            String field = ex.getPropertyName();
            TypeDescriptor type =
                    field == null || !(ex instanceof TypeMismatchException) ? null : type(bindingResult, field);
            Min min = type == null ? null : type.getAnnotation(Min.class);
            Max max = type == null ? null : type.getAnnotation(Max.class);
            if (min == null || max == null || !wholeNumber(type.getType())) {
                super.processPropertyAccessException(ex, bindingResult);
                return;
            }
            Object rejected = ex.getValue();
            if (rejected != null && rejected.getClass().isArray()) {
                rejected = ObjectUtils.nullSafeToString(rejected).replaceAll("^\\{|\\}$", "");
            }
            String[] codes = bindingResult.resolveMessageCodes(CODE, field);
            bindingResult.addError(new FieldError(
                    bindingResult.getObjectName(),
                    field,
                    rejected,
                    true,
                    codes,
                    new Object[] {min.value(), max.value()},
                    ex.getLocalizedMessage()));
        }

        private static TypeDescriptor type(BindingResult bindingResult, String field) {
            Object target = bindingResult.getTarget();
            if (target == null) {
                return null;
            }
            try {
                return PropertyAccessorFactory.forBeanPropertyAccess(target).getPropertyTypeDescriptor(field);
            } catch (BeansException e) {
                return null;
            }
        }

        private static boolean wholeNumber(Class<?> type) {
            return type == Integer.class
                    || type == int.class
                    || type == Long.class
                    || type == long.class
                    || type == Short.class
                    || type == short.class;
        }
    }
}
