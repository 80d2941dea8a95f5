package org.citizendata.collaborative.platform;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The security baseline of the HTTP side: authenticated REST, no first-run admin set-up, and no
 * expressions in task queries from anyone but administrators.
 */
@Configuration
class WebSecurityConfiguration {

    static final String ENGINE_REST = "/engine-rest";
    static final String WEBAPP_ENGINE_API = "/camunda/api/engine";

    /** {@code /engine-rest} answers only to users of the engine, by HTTP Basic. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(BasicCredentials credentials) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAuthentication(credentials));
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addInitParameter("rest-url-pattern-prefix", ENGINE_REST);
        registration.addUrlPatterns(ENGINE_REST + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The Admin app's first-run set-up can create an administrator (CVE-2026-77226 in 7.24.0
     * Community Edition); an administrator always exists here, so the endpoint is closed.
     */
    @Bean
    FilterRegistrationBean<AdminSetupBlocker> adminSetupBlocker() {
        FilterRegistrationBean<AdminSetupBlocker> registration = new FilterRegistrationBean<>(new AdminSetupBlocker());
        registration.setName("admin-setup-blocker");
        registration.addUrlPatterns("/camunda/api/admin/setup/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The application's own endpoints ({@code /api/*}) and the dashboard need a logged-in user too. */
    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(BasicCredentials credentials) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(credentials));
        registration.setName("api-authentication");
        registration.addUrlPatterns("/api/*", "/dashboard", "/dashboard/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<TaskQueryExpressionGuard> taskQueryExpressionGuard(IdentityService identityService) {
        FilterRegistrationBean<TaskQueryExpressionGuard> registration =
                new FilterRegistrationBean<>(new TaskQueryExpressionGuard(identityService));
        registration.setName("task-query-expression-guard");
        registration.addUrlPatterns(ENGINE_REST + "/*", WEBAPP_ENGINE_API + "/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
