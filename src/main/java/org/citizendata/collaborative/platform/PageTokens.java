package org.citizendata.collaborative.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * CSRF protection of the public pages (the application page, the links sent by mail): a secret
 * per browser session, put in every form the page renders and required back with every post, so
 * that another site cannot post in the visitor's name.
 */
@Component
public class PageTokens {

    public static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = PageTokens.class.getName();

    /** The session's token, created with the session on first use. */
    public String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        if (token == null) {
            token = Secrets.token();
            session.setAttribute(ATTRIBUTE, token);
        }
        return (String) token;
    }

    /** Whether the post carries its session's token. */
    public boolean valid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String submitted = request.getParameter(FIELD);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        return expected != null && submitted != null && MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
