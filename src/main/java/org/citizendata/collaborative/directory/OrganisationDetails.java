package org.citizendata.collaborative.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.citizendata.collaborative.platform.FormInputException;

/** What a representative may correct about their organisation, as the form's variables carry it. */
public record OrganisationDetails(String name, String category, String country, String website) {

    static final String NAME = "orgName";
    static final String CATEGORY = "orgCategory";
    static final String COUNTRY = "orgCountry";
    static final String WEBSITE = "orgWebsite";

    private static final Pattern WEBSITE_PATTERN = Pattern.compile("^https?://[^\\s<>\"]+$");

    static OrganisationDetails of(Organisation organisation) {
        return new OrganisationDetails(organisation.name(), organisation.category().name(), organisation.country(),
                organisation.website());
    }

    static OrganisationDetails from(VariableScope variables) {
        return new OrganisationDetails(text(variables, NAME), text(variables, CATEGORY), text(variables, COUNTRY),
                text(variables, WEBSITE));
    }

    void writeTo(VariableScope variables) {
        variables.setVariable(NAME, name);
        variables.setVariable(CATEGORY, category);
        variables.setVariable(COUNTRY, country);
        variables.setVariable(WEBSITE, website == null ? "" : website);
    }

    /** Refuses the details with one message per field, or returns them cleaned. */
    OrganisationDetails validated() {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = trimmed(name);
        if (cleanName.isEmpty()) {
            errors.put(NAME, "the organisation name is required");
        } else if (cleanName.length() > 255) {
            errors.put(NAME, "the organisation name is longer than 255 characters");
        }
        StakeholderCategory knownCategory = null;
        try {
            knownCategory = StakeholderCategory.valueOf(trimmed(category));
        } catch (IllegalArgumentException e) {
            errors.put(CATEGORY, "choose one of the stakeholder categories of the Terms of Reference");
        }
        String cleanCountry = trimmed(country);
        if (cleanCountry.isEmpty()) {
            errors.put(COUNTRY, "the country is required");
        } else if (cleanCountry.length() > 100) {
            errors.put(COUNTRY, "the country is longer than 100 characters");
        }
        String cleanWebsite = trimmed(website);
        if (!cleanWebsite.isEmpty() && (cleanWebsite.length() > 255 || !WEBSITE_PATTERN.matcher(cleanWebsite).matches())) {
            errors.put(WEBSITE, "the website must be an address starting with https:// or http://");
        }
        if (!errors.isEmpty()) {
            throw new FormInputException(errors);
        }
        return new OrganisationDetails(cleanName, knownCategory.name(), cleanCountry,
                cleanWebsite.isEmpty() ? null : cleanWebsite);
    }

    StakeholderCategory stakeholderCategory() {
        return StakeholderCategory.valueOf(category);
    }

    private static String text(VariableScope variables, String name) {
        Object value = variables.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
