package org.citizendata.collaborative.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Two costs Camunda's REST API pays on every request, taken out (BENCHMARKS.md, from a Flight
 * Recorder profile of {@code GET /engine-rest/task}):
 * <ul>
 * <li>It looks its process engine up with a {@link java.util.ServiceLoader}, which finds and
 * reads the {@code META-INF/services} file of every jar on the class path, each time. During a
 * request to {@code /engine-rest} the thread's context class loader remembers those files;
 * classes and every other resource come from the application's class loader as before.</li>
 * <li>Its {@link JacksonConfigurator} makes a new {@link ObjectMapper} for each request, so the
 * serializers of every answer are built again. The same mapper, configured by the same method,
 * is kept instead.</li>
 * </ul>
 */
@Configuration
class EngineRestSpeed {

    @Bean
    FilterRegistrationBean<RememberedServiceFiles> rememberedServiceFiles() {
        FilterRegistrationBean<RememberedServiceFiles> registration = new FilterRegistrationBean<>(new RememberedServiceFiles());
        registration.setName("remembered-service-files");
        registration.addUrlPatterns(WebSecurityConfiguration.ENGINE_REST + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    ResourceConfigCustomizer sharedObjectMapper() {
        return config -> config.register(SharedObjectMapper.class);
    }

    /**
     * Registered beside Camunda's {@link JacksonConfigurator}; Jersey asks this one first (in the
     * profile after the change, the per-request {@code JacksonConfigurator.getContext} is gone).
     */
    @Provider
    @Produces({MediaType.APPLICATION_JSON, "application/hal+json"})
    @Priority(Priorities.USER - 100)
    public static class SharedObjectMapper implements ContextResolver<ObjectMapper> {

        private static final ObjectMapper MAPPER = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return MAPPER;
        }
    }

    static class RememberedServiceFiles extends HttpFilter {

        /** One for the application's class loader, so that caches keyed by the context class loader stay few. */
        private volatile ServiceFiles remembered;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Thread thread = Thread.currentThread();
            ClassLoader original = thread.getContextClassLoader();
            if (original == null || original instanceof ServiceFiles) {
                chain.doFilter(request, response);
                return;
            }
            ServiceFiles loader = remembered;
            if (loader == null || loader.getParent() != original) {
                loader = new ServiceFiles(original);
                remembered = loader;
            }
            thread.setContextClassLoader(loader);
            try {
                chain.doFilter(request, response);
            } finally {
                thread.setContextClassLoader(original);
            }
        }
    }

    /** Delegates everything to its parent, and keeps the contents of the service files it was asked for. */
    static final class ServiceFiles extends ClassLoader {

        private static final String SERVICES = "META-INF/services/";

        static {
            registerAsParallelCapable(); // one loader for every request thread: no lock per class name
        }
        private final Map<String, List<URL>> files = new ConcurrentHashMap<>();

        ServiceFiles(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith(SERVICES)) {
                return super.getResources(name);
            }
            List<URL> kept = files.get(name);
            if (kept == null) {
                kept = new ArrayList<>();
                for (URL url : Collections.list(getParent().getResources(name))) {
                    byte[] content;
                    try (InputStream in = url.openStream()) {
                        content = in.readAllBytes();
                    }
                    kept.add(new URL(null, "remembered:" + url, new InMemory(content)));
                }
                files.put(name, List.copyOf(kept));
            }
            return Collections.enumeration(kept);
        }
    }

    private static final class InMemory extends URLStreamHandler {

        private final byte[] content;

        InMemory(byte[] content) {
            this.content = content;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(content);
                }
            };
        }
    }
}
