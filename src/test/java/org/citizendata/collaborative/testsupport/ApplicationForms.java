package org.citizendata.collaborative.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** The public application page's form, filled in as a real applicant would. */
public final class ApplicationForms {

    private ApplicationForms() {
    }

    /** A valid application of its own: the page refuses a second application of one organisation. */
    public static Map<String, String> valid(String id) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("organisationName", "Mapeo Comunitario " + id);
        form.put("category", "CIVIL_SOCIETY_ORGANISATION");
        form.put("country", "Côte d'Ivoire");
        form.put("website", "https://mapeo-" + id + ".example.org");
        form.put("contactName", "Aïcha Koné");
        form.put("contactEmail", "aicha@mapeo-" + id + ".example.org");
        form.put("engagement", "PRODUCES");
        form.put("motivation", "We map informal settlements with their residents and want the maps to count.");
        form.put("contribution", "Mapping methods, trained community mappers, open data.");
        form.put("communities", "Residents of informal settlements in Abidjan");
        form.put("faxNumber", ""); // the honeypot, left empty as people leave it
        return form;
    }
}
