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

    private final Map<String, String> fieldErrors;

    public FormInputException(Map<String, String> fieldErrors) {
        super(fieldErrors, describe(fieldErrors));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(Map<String, String> fieldErrors) {
        return fieldErrors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ", "Please correct the form. ", ""));
    }
}
