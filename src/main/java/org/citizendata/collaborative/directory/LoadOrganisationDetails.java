package org.citizendata.collaborative.directory;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Puts the directory's record of the organisation into the variables the form shows. */
@Component("loadOrganisationDetails")
class LoadOrganisationDetails implements JavaDelegate {

    private final OrganisationRepository organisations;

    LoadOrganisationDetails(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String organisationId = (String) execution.getVariable("organisationId");
        Organisation organisation = organisations.findById(organisationId)
                .orElseThrow(() -> new IllegalArgumentException("No organisation with id " + organisationId));
        OrganisationDetails.of(organisation).writeTo(execution);
        execution.setVariable("organisationName", organisation.name());
    }
}
