package org.citizendata.collaborative.workstream;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormTextLimit;

/**
 * A workstream proposal as its form submits it, checked field by field on the server (Camunda
 * Forms check only in the browser). Bad input is refused with one message per field.
 */
record ProposalForm(
        String title,
        String objectives,
        String scope,
        String termsOfReference,
        int durationMonths,
        String deliverables,
        List<String> leads,
        List<String> coProposers,
        List<ResourcePerson> resourcePersons) {

    record ResourcePerson(String name, String email, String expertise) {
    }

    static final String TITLE = "title";
    static final String OBJECTIVES = "objectives";
    static final String SCOPE = "scope";
    static final String TERMS = "termsOfReference";
    static final String DURATION = "durationMonths";
    static final String DELIVERABLES = "deliverables";
    static final String LEADS = "leads";
    static final String CO_PROPOSERS = "coProposers";
    static final String RESOURCE_PERSONS = "resourcePersons";

    /** Reads and checks the form; {@code isMemberUser} and {@code isOrganisation} ask the directory. */
    static ProposalForm from(VariableScope variables, Predicate<String> isMemberUser, Predicate<String> isOrganisation) {
        Map<String, String> errors = new LinkedHashMap<>();
        String title = text(variables, TITLE, 255, true, errors);
        String objectives = text(variables, OBJECTIVES, 4000, true, errors);
        String scope = text(variables, SCOPE, 4000, true, errors);
        String terms = text(variables, TERMS, FormTextLimit.MAX_CHARACTERS, true, errors);
        String deliverables = text(variables, DELIVERABLES, 4000, true, errors);
        int duration = duration(variables.getVariable(DURATION), errors);
        List<String> leads = list(variables, LEADS);
        if (leads.isEmpty()) {
            errors.put(LEADS, "name at least one lead (user ids of member representatives, comma separated)");
        } else if (leads.size() > 10) {
            errors.put(LEADS, "at most 10 leads");
        } else {
            List<String> unknown = leads.stream().filter(isMemberUser.negate()).toList();
            if (!unknown.isEmpty()) {
                errors.put(LEADS, "not member users: " + String.join(", ", clip(unknown)));
            }
        }
        List<String> coProposers = list(variables, CO_PROPOSERS);
        List<String> unknownOrganisations = coProposers.stream().filter(isOrganisation.negate()).toList();
        if (!unknownOrganisations.isEmpty()) {
            errors.put(CO_PROPOSERS, "not organisations of the Collaborative: " + String.join(", ", clip(unknownOrganisations)));
        }
        List<ResourcePerson> persons = resourcePersons(variables.getVariable(RESOURCE_PERSONS), errors);
        if (!errors.isEmpty()) {
            throw new FormInputException(errors);
        }
        return new ProposalForm(title, objectives, scope, terms, duration, deliverables, leads, coProposers, persons);
    }

    /** Puts the checked values back, as the revision form shows them. */
    void writeTo(VariableScope variables) {
        variables.setVariable(TITLE, title);
        variables.setVariable(OBJECTIVES, objectives);
        variables.setVariable(SCOPE, scope);
        variables.setVariable(TERMS, termsOfReference);
        variables.setVariable(DURATION, durationMonths);
        variables.setVariable(DELIVERABLES, deliverables);
        variables.setVariable(LEADS, String.join(", ", leads));
        variables.setVariable(CO_PROPOSERS, String.join(", ", coProposers));
        variables.setVariable(RESOURCE_PERSONS, String.join("\n", resourcePersons.stream()
                .map(p -> p.name() + "; " + p.email() + "; " + (p.expertise() == null ? "" : p.expertise())).toList()));
    }

    private static int duration(Object value, Map<String, String> errors) {
        long months;
        try {
            months = value instanceof Number n ? n.longValue() : Long.parseLong(value == null ? "" : value.toString().strip());
        } catch (NumberFormatException e) {
            errors.put(DURATION, "the expected duration is a number of months, 1 to 36");
            return 0;
        }
        if (months < 1 || months > 36) {
            errors.put(DURATION, "the expected duration is 1 to 36 months");
        }
        return (int) Math.max(0, Math.min(months, 36));
    }

    private static List<ResourcePerson> resourcePersons(Object value, Map<String, String> errors) {
        List<ResourcePerson> persons = new ArrayList<>();
        if (value == null || value.toString().isBlank()) {
            return persons;
        }
        String[] lines = value.toString().strip().split("\\R");
        if (lines.length > 20) {
            errors.put(RESOURCE_PERSONS, "at most 20 resource persons");
            return persons;
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] parts = lines[i].split(";", 3);
            String name = parts[0].strip();
            String email = parts.length > 1 ? parts[1].strip() : "";
            String expertise = parts.length > 2 ? parts[2].strip() : "";
            String problem = null;
            if (name.isEmpty() || name.length() > 255) {
                problem = "a name of up to 255 characters";
            } else if (!validEmail(email)) {
                problem = "a valid e-mail address (\"" + clip(List.of(email)).get(0) + "\" is not)";
            } else if (expertise.length() > 1000) {
                problem = "an expertise of up to 1000 characters";
            }
            if (problem != null) {
                errors.put(RESOURCE_PERSONS, "line " + (i + 1) + " needs " + problem + "; write one person a line as"
                        + " \"Name; e-mail; expertise\"");
                return persons;
            }
            persons.add(new ResourcePerson(name, email, expertise.isEmpty() ? null : expertise));
        }
        return persons;
    }

    private static boolean validEmail(String email) {
        if (email.isEmpty() || email.length() > 320) {
            return false;
        }
        try {
            new InternetAddress(email, true).validate();
            return email.contains("@");
        } catch (AddressException e) {
            return false;
        }
    }

    private static String text(VariableScope variables, String name, int max, boolean required, Map<String, String> errors) {
        Object value = variables.getVariable(name);
        String text = value == null ? "" : value.toString().strip();
        if (required && text.isEmpty()) {
            errors.put(name, "is required");
        } else if (text.length() > max) {
            errors.put(name, "is longer than " + max + " characters");
        }
        return text;
    }

    private static List<String> list(VariableScope variables, String name) {
        Object value = variables.getVariable(name);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.toString().split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    /** Echoes at most a few short values in a message. */
    private static List<String> clip(List<String> values) {
        return values.stream().limit(5).map(v -> v.length() > 64 ? v.substring(0, 64) + "…" : v).toList();
    }
}
