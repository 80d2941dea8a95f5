package org.citizendata.collaborative.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable secrets for links and forms: 256 random bits, 43 characters of base64url. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
