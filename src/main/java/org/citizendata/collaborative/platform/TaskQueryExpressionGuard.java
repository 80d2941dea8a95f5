package org.citizendata.collaborative.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.citizendata.collaborative.directory.CollaborativeGroups;

/**
 * Refuses, with 400, task queries that carry expressions ({@code ...Expression} keys, also
 * inside {@code orQueries}) unless an administrator sends them. An expression in a query is
 * evaluated by the engine with the caller's rights, so only administrators may use them.
 */
class TaskQueryExpressionGuard extends HttpFilter {

    /** Task queries and filter executions, below {@code /engine-rest} or the webapps' engine API. */
    private static final Pattern TASK_QUERY = Pattern.compile(
            "^(/engine/[^/]+)?/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityService identityService;

    TaskQueryExpressionGuard(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!TASK_QUERY.matcher(apiPath(request)).matches() || isAdministrator(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> inParameters = request.getParameterMap().keySet().stream()
                .filter(TaskQueryExpressionGuard::isExpressionKey).findFirst();
        if (inParameters.isPresent()) {
            refuse(response, inParameters.get());
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        Optional<String> inBody = expressionKeyIn(body);
        if (inBody.isPresent()) {
            refuse(response, inBody.get());
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    private static String apiPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : List.of(WebSecurityConfiguration.ENGINE_REST, WebSecurityConfiguration.WEBAPP_ENGINE_API)) {
            if (path.startsWith(prefix + "/")) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }

    private static boolean isExpressionKey(String key) {
        return key.endsWith("Expression");
    }

    static Optional<String> expressionKeyIn(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return expressionKeyIn(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the REST API answers it with its own error
        }
    }

    private static Optional<String> expressionKeyIn(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (isExpressionKey(name)) {
                    return Optional.of(name);
                }
                Optional<String> nested = expressionKeyIn(node.get(name));
                if (nested.isPresent()) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<String> nested = expressionKeyIn(element);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    /** The engine REST API's user (set by its authentication filter), or the webapps' session user. */
    private boolean isAdministrator(HttpServletRequest request) {
        Authentication current = identityService.getCurrentAuthentication();
        if (current != null && current.getGroupIds() != null) {
            return current.getGroupIds().contains(CollaborativeGroups.ADMINISTRATORS);
        }
        return WebappSessions.user(request.getSession(false)).map(CurrentUser::isAdministrator).orElse(false);
    }

    private static void refuse(HttpServletResponse response, String key) throws IOException {
        JsonErrors.send(response, HttpServletResponse.SC_BAD_REQUEST,
                "Expressions are not allowed in task queries: remove '" + key + "'.");
    }

    /** The request with its body, already read for the check, readable again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Not asynchronous");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
        }
    }
}
