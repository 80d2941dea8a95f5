package org.citizendata.collaborative.directory;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/** Asks an organisation's representatives to confirm what the directory holds about it. */
@Service
public class OrganisationDetailsReview {

    public static final String PROCESS_KEY = "organisation-details-review";

    private final RuntimeService runtimeService;

    public OrganisationDetailsReview(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** Starts a review unless one is already open for the organisation. */
    public void request(String organisationId) {
        boolean open = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(organisationId).count() > 0;
        if (!open) {
            runtimeService.startProcessInstanceByKey(PROCESS_KEY, organisationId,
                    Map.of("organisationId", organisationId));
        }
    }
}
