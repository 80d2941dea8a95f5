package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.junit.jupiter.api.Test;

/** The two per-request costs of Camunda's REST API taken out, without changing what it reads or writes. */
class EngineRestSpeedTest {

    static final String SERVICE = "META-INF/services/org.camunda.bpm.engine.rest.spi.ProcessEngineProvider";

    @Test
    void serviceFilesAreReadFromTheApplicationOnceAndGiveTheSameContents() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                lookups.incrementAndGet();
                return super.getResources(name);
            }
        };
        EngineRestSpeed.ServiceFiles remembered = new EngineRestSpeed.ServiceFiles(application);

        List<String> expected = contents(application.getResources(SERVICE));
        assertThat(expected).isNotEmpty();
        assertThat(contents(remembered.getResources(SERVICE))).isEqualTo(expected);
        assertThat(contents(remembered.getResources(SERVICE))).isEqualTo(expected);
        assertThat(lookups).hasValue(2); // the first call above, and the remembered loader's first

        // Classes and other resources come from the application's loader.
        assertThat(remembered.loadClass(EngineRestSpeed.class.getName())).isSameAs(EngineRestSpeed.class);
        assertThat(remembered.getResource("application.yaml")).isEqualTo(application.getResource("application.yaml"));
        assertThat(java.util.ServiceLoader.load(org.camunda.bpm.engine.rest.spi.ProcessEngineProvider.class, remembered)
                .stream().map(provider -> provider.type().getName()).toList())
                .isEqualTo(java.util.ServiceLoader.load(org.camunda.bpm.engine.rest.spi.ProcessEngineProvider.class, application)
                        .stream().map(provider -> provider.type().getName()).toList());
    }

    @Test
    void theSharedMapperIsOneMapperConfiguredAsCamundasOwn() throws Exception {
        EngineRestSpeed.SharedObjectMapper shared = new EngineRestSpeed.SharedObjectMapper();
        ObjectMapper mapper = shared.getContext(Object.class);
        assertThat(shared.getContext(String.class)).isSameAs(mapper);
        ObjectMapper camundas = new JacksonConfigurator().getContext(Object.class);
        Date instant = new Date(1_800_000_000_000L);
        assertThat(mapper.writeValueAsString(instant)).isEqualTo(camundas.writeValueAsString(instant));
    }

    private static List<String> contents(Enumeration<URL> urls) throws IOException {
        List<String> all = new ArrayList<>();
        for (URL url : Collections.list(urls)) {
            try (InputStream in = url.openStream()) {
                all.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return all;
    }
}
