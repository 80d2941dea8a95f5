package org.citizendata.collaborative.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every model and form as one deployment whose resources are named by their path in the
 * project ({@code processes/decision/steering-committee-decision.bpmn}), whether the application
 * runs from the jar, from {@code target/classes} or in a test. Only changed resources are
 * deployed again, so a restart with unchanged files adds no definition versions.
 */
@Component
public class ModelDeployer {

    public static final String DEPLOYMENT_NAME = "collaborative-workflows";

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

    /** Folder, then the file endings deployed from it. */
    private static final Map<String, String[]> FOLDERS = Map.of(
            "processes", new String[] {"bpmn", "dmn"},
            "forms", new String[] {"form"});

    private final RepositoryService repositoryService;
    private final String location;

    public ModelDeployer(RepositoryService repositoryService,
            @Value("${collaborative.models.location}") String location) {
        this.repositoryService = repositoryService;
        this.location = location;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEPLOY_MODELS)
    public void deployModels() {
        Map<String, Resource> resources = findResources();
        if (resources.isEmpty()) {
            LOG.warn("No models found under {}", location);
            return;
        }
        DeploymentBuilder deployment = repositoryService.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(true);
        resources.forEach((name, resource) -> deployment.addInputStream(name, read(resource)));
        DeploymentWithDefinitions deployed = deployment.deployWithResult();
        int definitions = sizeOf(deployed.getDeployedProcessDefinitions())
                + sizeOf(deployed.getDeployedDecisionDefinitions());
        LOG.info("Models: {} resources, {} new definition versions", resources.size(), definitions);
    }

    /** The stable name of each model: its path below {@code processes/} or {@code forms/}. */
    Map<String, Resource> findResources() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, Resource> byName = new TreeMap<>();
        FOLDERS.forEach((folder, endings) -> {
            for (String ending : endings) {
                try {
                    for (Resource resource : resolver.getResources(location + folder + "/**/*." + ending)) {
                        byName.putIfAbsent(stableName(folder, resource), resource);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list models under " + location + folder, e);
                }
            }
        });
        return byName;
    }

    static String stableName(String folder, Resource resource) {
        String url;
        try {
            url = resource.getURL().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String marker = "/" + folder + "/";
        int at = url.lastIndexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("Model outside " + folder + "/: " + url);
        }
        return folder + "/" + url.substring(at + marker.length());
    }

    private static InputStream read(Resource resource) {
        try {
            return resource.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static int sizeOf(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
