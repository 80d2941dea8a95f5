package org.citizendata.collaborative.platform;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading what a form submitted, for the server's own checks; refusals name the field. */
public final class FormValues {

    private FormValues() {
    }

    /** The variable as trimmed text; empty when absent. */
    public static String text(VariableScope variables, String name) {
        Object value = variables.getVariable(name);
        return value == null ? "" : value.toString().strip();
    }

    /** One of the allowed values, or a refusal with the message. */
    public static String choice(VariableScope variables, String name, Set<String> allowed, String message) {
        String value = text(variables, name);
        if (!allowed.contains(value)) {
            throw new FormInputException(Map.of(name, message));
        }
        return value;
    }
}
