package org.citizendata.collaborative.notification;

import java.util.regex.Pattern;

/**
 * Mails that carry a one-time link (a new member's password, an applicant's answer): whoever
 * reads the stored copy must not be able to open the link in the recipient's place. The
 * secret is the last path segment, 43 characters of base64url.
 */
final class OneTimeLinkText {

    private static final Pattern SECRET = Pattern.compile("(/(?:account/password|apply/information)/)[A-Za-z0-9_-]{43}");

    private OneTimeLinkText() {
    }

    static String withheld(String text) {
        return text == null ? null : SECRET.matcher(text).replaceAll("$1[one-time link withheld]");
    }
}
