package org.citizendata.collaborative.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Refuses every request to the Admin app's first-run set-up. */
class AdminSetupBlocker extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        JsonErrors.send(response, HttpServletResponse.SC_FORBIDDEN,
                "The first-run set-up is closed: the administrator is configured by the installation.");
    }
}
