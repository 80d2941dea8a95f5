package org.citizendata.collaborative.platform;

import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input from a Camunda Form that the server refuses: one message per field. Camunda Forms
 * validate only in the browser, so every task listener that accepts a form validates again and
 * throws this; the engine REST API answers it with 400 and the transaction changes nothing.
 */
public class FormInputException extends FormFieldValidationException {

    /** The key of a refusal that concerns the submission as a whole rather than one field. */
    public static final String WHOLE_FORM = "form";

    private final Map<String, String> fieldErrors;

    public FormInputException(Map<String, String> fieldErrors) {
        super(fieldErrors, describe(fieldErrors));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** A refusal of the submission as a whole: the message is shown as it is. */
    public FormInputException(String message) {
        this(Map.of(WHOLE_FORM, message));
    }

    /** The refusal that caused the exception, wrapped however deep; null if none did. */
    public static FormInputException causing(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FormInputException refusal) {
                return refusal;
            }
        }
        return null;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(Map<String, String> fieldErrors) {
        if (fieldErrors.size() == 1 && fieldErrors.containsKey(WHOLE_FORM)) {
            return fieldErrors.get(WHOLE_FORM);
        }
        return fieldErrors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ", "Please correct the form. ", ""));
    }
}
