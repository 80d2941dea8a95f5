package org.citizendata.collaborative.platform;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's authentication filter for {@code /engine-rest}, with HTTP Basic answered by
 * {@link BasicCredentials}: the user with their groups and tenants, so the filter does not read
 * them again.
 */
class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

    private final BasicCredentials credentials;

    EngineRestAuthentication(BasicCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        super.init(filterConfig);
        authenticationProvider = new Provider(credentials);
    }

    private static final class Provider implements AuthenticationProvider {

        private final BasicCredentials credentials;
        /** Camunda's own, for the challenge it answers a refused request with. */
        private final HttpBasicAuthenticationProvider challenge = new HttpBasicAuthenticationProvider();

        Provider(BasicCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            return credentials.check(request.getHeader("Authorization")).map(user -> {
                AuthenticationResult result = AuthenticationResult.successful(user.userId());
                result.setGroups(user.groups());
                result.setTenants(user.tenants());
                return result;
            }).orElseGet(AuthenticationResult::unsuccessful);
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            challenge.augmentResponseByAuthenticationChallenge(response, engine);
        }
    }
}
