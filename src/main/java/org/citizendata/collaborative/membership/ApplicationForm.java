package org.citizendata.collaborative.membership;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.citizendata.collaborative.directory.StakeholderCategory;

/**
 * What a stranger sends from the public application page, checked on the server field by field
 * (the page's own checks are a courtesy; this is the rule).
 */
public record ApplicationForm(
        String organisationName,
        String category,
        String country,
        String website,
        String contactName,
        String contactEmail,
        String engagement,
        String motivation,
        String contribution,
        String communities) {

    /** How the organisation works with citizen data; the eligibility rule reads it. */
    public enum Engagement {
        PRODUCES, USES, SUPPORTS, NONE
    }

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .,'’()&/-]*");
    private static final Pattern ORGANISATION = Pattern.compile("[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} .,'’()&/+:-]*");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern HOST = Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}");
    /** Characters that are not text (newlines and tabs are). */
    static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]|\\p{Cs}");

    /** Builds the form from request parameters; absent parameters read as empty. */
    public static ApplicationForm from(Function<String, String> parameter) {
        Function<String, String> value = name -> {
            String v = parameter.apply(name);
            return v == null ? "" : v.strip();
        };
        return new ApplicationForm(value.apply("organisationName"), value.apply("category"), value.apply("country"),
                value.apply("website"), value.apply("contactName"), value.apply("contactEmail"),
                value.apply("engagement"), value.apply("motivation"), value.apply("contribution"),
                value.apply("communities"));
    }

    /** One message per field that is not acceptable; empty when the form can be kept. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        line(problems, "organisationName", organisationName, 2, 255, ORGANISATION,
                "letters, digits, spaces and . , ' ( ) & / + : - only");
        if (!known(StakeholderCategory.values(), category)) {
            problems.put("category", "choose one of the kinds of member the Terms of Reference name");
        }
        line(problems, "country", country, 2, 100, NAME, "letters, spaces and . , ' ( ) - only");
        if (website.isEmpty()) {
            problems.put("website", "is required");
        } else if (website.length() > 255 || webDomain() == null) {
            problems.put("website", "give the organisation's web address, such as https://www.example.org");
        }
        line(problems, "contactName", contactName, 2, 200, NAME, "letters, spaces and . , ' ( ) - only");
        if (contactEmail.isEmpty()) {
            problems.put("contactEmail", "is required");
        } else if (contactEmail.length() > 320 || !EMAIL.matcher(contactEmail).matches()) {
            problems.put("contactEmail", "give an e-mail address such as name@example.org");
        }
        if (!known(Engagement.values(), engagement)) {
            problems.put("engagement", "say how the organisation works with citizen data");
        }
        text(problems, "motivation", motivation, 20);
        text(problems, "contribution", contribution, 20);
        text(problems, "communities", communities, 3);
        return problems;
    }

    /** The website's host without a leading {@code www.}, lower case; null when it is not a web address. */
    public String webDomain() {
        return domainOf(website);
    }

    /** The host of a web address without a leading {@code www.}, lower case; null when it is not one. */
    public static String domainOf(String website) {
        try {
            URI uri = new URI(website.contains("://") ? website : "https://" + website);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getUserInfo() != null
                    || !HOST.matcher(host).matches()) {
                return null;
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The website as it is kept: with its scheme. */
    public String normalisedWebsite() {
        return website.contains("://") ? website : "https://" + website;
    }

    private static void line(Map<String, String> problems, String field, String value, int min, int max,
            Pattern allowed, String allowedText) {
        if (value.isEmpty()) {
            problems.put(field, "is required");
        } else if (value.length() < min || value.length() > max) {
            problems.put(field, "between " + min + " and " + max + " characters");
        } else if (!allowed.matcher(value).matches()) {
            problems.put(field, allowedText);
        }
    }

    private static void text(Map<String, String> problems, String field, String value, int min) {
        if (value.isEmpty()) {
            problems.put(field, "is required");
        } else if (value.length() < min || value.length() > 4000) {
            problems.put(field, "between " + min + " and 4000 characters");
        } else if (CONTROL.matcher(value).find()) {
            problems.put(field, "contains characters that are not text");
        }
    }

    private static boolean known(Enum<?>[] values, String value) {
        return Arrays.stream(values).anyMatch(v -> v.name().equals(value));
    }
}
