package org.citizendata.collaborative.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * The application's own API ({@code /api/*}) answers to the users of the engine: those logged in
 * to the Camunda web applications (their session) and HTTP Basic clients.
 */
class ApiAuthenticationFilter extends HttpFilter {

    private final IdentityService identityService;

    ApiAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CurrentUser user = WebappSessions.user(request.getSession(false))
                .orElseGet(() -> fromBasic(request.getHeader("Authorization")));
        if (user == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Collaborative Workflows\"");
            JsonErrors.send(response, HttpServletResponse.SC_UNAUTHORIZED, "Log in first.");
            return;
        }
        request.setAttribute(CurrentUser.ATTRIBUTE, user);
        chain.doFilter(request, response);
    }

    private CurrentUser fromBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String userId = decoded.substring(0, colon);
        if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
            return null;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        return new CurrentUser(userId, groups);
    }
}
