package org.citizendata.collaborative.directory;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks the submitted details again on the server and writes them to the directory. It runs in
 * the transaction that completes the task, so refused input leaves the task open and unchanged.
 */
@Component("updateOrganisationDetails")
class UpdateOrganisationDetails implements JavaDelegate {

    private final OrganisationRepository organisations;

    UpdateOrganisationDetails(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OrganisationDetails details = OrganisationDetails.from(execution).validated();
        organisations.updateDetails((String) execution.getVariable("organisationId"), details.name(),
                details.stakeholderCategory(), details.country(), details.website());
    }
}
