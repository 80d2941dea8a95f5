package org.citizendata.collaborative.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application's own API ({@code /api/*}) answers to the users of the engine: those logged in
 * to the Camunda web applications (their session) and HTTP Basic clients.
 */
class ApiAuthenticationFilter extends HttpFilter {

    private final BasicCredentials credentials;

    ApiAuthenticationFilter(BasicCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CurrentUser user = WebappSessions.user(request.getSession(false))
                .or(() -> credentials.check(request.getHeader("Authorization"))
                        .map(checked -> new CurrentUser(checked.userId(), checked.groups())))
                .orElse(null);
        if (user == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Collaborative Workflows\"");
            JsonErrors.send(response, HttpServletResponse.SC_UNAUTHORIZED, "Log in first.");
            return;
        }
        request.setAttribute(CurrentUser.ATTRIBUTE, user);
        chain.doFilter(request, response);
    }
}
