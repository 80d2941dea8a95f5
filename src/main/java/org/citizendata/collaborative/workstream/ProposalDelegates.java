package org.citizendata.collaborative.workstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of {@code workstream-proposal}: each one step of the proposal's path. */
@Configuration
class ProposalDelegates {

    static final String PROCESS_KEY = "workstream-proposal";

    private final WorkstreamRepository workstreams;
    private final OrganisationRepository organisations;
    private final DirectoryLookup directory;
    private final RuntimeService runtimeService;

    ProposalDelegates(WorkstreamRepository workstreams, OrganisationRepository organisations, DirectoryLookup directory,
            RuntimeService runtimeService) {
        this.workstreams = workstreams;
        this.organisations = organisations;
        this.directory = directory;
        this.runtimeService = runtimeService;
    }

    /** Checks the start form and records the proposal (ToR: workstreams are proposed by members). */
    @Bean
    JavaDelegate registerProposal() {
        return execution -> {
            String proposer = (String) execution.getVariable("proposer");
            Organisation organisation = proposer == null ? null : organisations.findByRepresentative(proposer).orElse(null);
            if (organisation == null) {
                throw new FormInputException("Only representatives of member organisations propose workstreams.");
            }
            ProposalForm form = form(execution);
            String key = workstreams.nextKey();
            String revisionOf = (String) execution.getVariable("revisionOf");
            workstreams.insertProposal(key, revisionOf, form, proposer, organisation.id(), execution.getProcessInstanceId());
            execution.setProcessBusinessKey(key);
            execution.setVariable("proposalKey", key);
            execution.setVariable("proposerOrganisation", organisation.id());
            execution.setVariable("revisionRequestedBy", "secretariat");
            describe(execution, key, form, organisation);
        };
    }

    /** The Secretariat's completeness check: accept, return with comments, or close after three returns. */
    @Bean
    JavaDelegate recordCompletenessCheck() {
        return execution -> {
            String key = key(execution);
            String decision = FormValues.choice(execution, "completeness", Set.of("accept", "return", "close"),
                    "accept the proposal, return it with comments, or close it as withdrawn");
            String comments = FormValues.text(execution, "reviewComments");
            WorkstreamRepository.Proposal proposal = workstreams.findProposal(key).orElseThrow();
            switch (decision) {
                case "accept" -> workstreams.setStatus(key, "CONSISTENCY", null);
                case "return" -> {
                    requireComments(comments, "reviewComments", "say what the proposer should complete");
                    workstreams.countReturn(key);
                    workstreams.setStatus(key, "RETURNED", comments);
                    execution.setVariable("revisionRequestedBy", "secretariat");
                }
                default -> {
                    // Our rule where the ToR is silent: a proposal returned three times may be closed.
                    if (proposal.returns() < 3) {
                        throw new FormInputException(Map.of("completeness", "a proposal may be closed as withdrawn after"
                                + " three returns; this one was returned " + proposal.returns() + " time(s)"));
                    }
                    workstreams.setStatus(key, "WITHDRAWN", comments);
                    execution.setVariable("reviewResult", "withdrawn");
                }
            }
        };
    }

    /** The proposer revises the proposal (checked again like the start form) or withdraws it. */
    @Bean
    JavaDelegate reviseProposal() {
        return execution -> {
            String key = key(execution);
            String action = FormValues.choice(execution, "revisionAction", Set.of("revise", "withdraw"),
                    "revise the proposal or withdraw it");
            if ("withdraw".equals(action)) {
                workstreams.setStatus(key, "WITHDRAWN", null);
                execution.setVariable("reviewResult", "withdrawn");
                return;
            }
            ProposalForm form = form(execution);
            workstreams.updateProposal(key, form);
            boolean forCoLeads = "co-leads".equals(execution.getVariable("revisionRequestedBy"));
            workstreams.setStatus(key, forCoLeads ? "CONSISTENCY" : "CHECKING", null);
            describe(execution, key, form, organisations.findById((String) execution.getVariable("proposerOrganisation"))
                    .orElseThrow());
        };
    }

    /** What the co-leads compare the proposal with: active workstreams and the other open proposals. */
    @Bean
    JavaDelegate describeLandscape() {
        return execution -> {
            List<Map<String, Object>> items = workstreams.landscape(key(execution));
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> item : items) {
                text.append("- ").append(item.get("kind")).append(' ').append(item.get("item_key")).append(": ")
                        .append(item.get("title")).append(item.get("until_date") == null ? "" : " (until " + item.get("until_date") + ")")
                        .append(" — scope: ").append(shorten((String) item.get("scope"))).append('\n');
            }
            execution.setVariable("landscape", items.isEmpty() ? "No active workstream and no other open proposal." : text.toString());
        };
    }

    /** The co-leads clear the proposal for the vote, or ask for changes on overlap (ToR: consistency). */
    @Bean
    JavaDelegate recordConsistencyReview() {
        return execution -> {
            String key = key(execution);
            String decision = FormValues.choice(execution, "consistency", Set.of("clear", "changes"),
                    "clear the proposal for the vote or ask for changes");
            String comments = FormValues.text(execution, "consistencyComments");
            if ("changes".equals(decision)) {
                requireComments(comments, "consistencyComments", "say where the proposal overlaps and what should change");
                workstreams.setStatus(key, "CHANGES", comments);
                execution.setVariable("revisionRequestedBy", "co-leads");
                execution.setVariable("reviewComments", comments);
            } else {
                workstreams.setStatus(key, "VOTING", comments);
                execution.setVariable("reviewResult", "cleared");
            }
        };
    }

    @Bean
    JavaDelegate recordWithdrawal() {
        return execution -> workstreams.setStatus(key(execution), "WITHDRAWN", "Withdrawn by the proposer");
    }

    @Bean
    JavaDelegate recordProposalOutcome() {
        return execution -> {
            String outcome = (String) execution.getVariable("decisionOutcome");
            boolean approved = "APPROVED".equals(outcome);
            workstreams.recordOutcome(key(execution), approved ? "APPROVED" : "REJECTED", outcome,
                    (String) execution.getVariable("decisionTally"));
            execution.setVariable("outcomeLabel", approved ? "approved" : "not approved");
        };
    }

    /** After a refusal the proposer may submit a revised proposal, linked to this one. */
    @Bean
    JavaDelegate resubmitProposal() {
        return execution -> {
            if (!Boolean.TRUE.equals(execution.getVariable("resubmit"))) {
                return;
            }
            ProposalForm form = form(execution);
            Map<String, Object> variables = new HashMap<>();
            variables.put(ProposalForm.TITLE, form.title());
            variables.put(ProposalForm.OBJECTIVES, form.objectives());
            variables.put(ProposalForm.SCOPE, form.scope());
            variables.put(ProposalForm.TERMS, form.termsOfReference());
            variables.put(ProposalForm.DURATION, form.durationMonths());
            variables.put(ProposalForm.DELIVERABLES, form.deliverables());
            variables.put(ProposalForm.LEADS, String.join(", ", form.leads()));
            variables.put(ProposalForm.CO_PROPOSERS, String.join(", ", form.coProposers()));
            variables.put(ProposalForm.RESOURCE_PERSONS, execution.getVariable(ProposalForm.RESOURCE_PERSONS));
            variables.put("proposer", execution.getVariable("proposer"));
            variables.put("revisionOf", key(execution));
            String revision = runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables).getBusinessKey();
            execution.setVariable("revisedProposalKey", revision);
        };
    }

    private ProposalForm form(DelegateExecution execution) {
        ProposalForm form = ProposalForm.from(execution,
                user -> directory.membersOf(CollaborativeGroups.MEMBERS).contains(user),
                organisation -> organisations.findById(organisation).isPresent());
        form.writeTo(execution);
        return form;
    }

    private static void describe(DelegateExecution execution, String key, ProposalForm form, Organisation organisation) {
        execution.setVariable("ballotTitle", "Approve the workstream \"" + form.title() + "\"");
        execution.setVariable("proposalSummary", organisation.name() + " proposes a " + form.durationMonths()
                + "-month workstream (" + key + ").\n\nObjectives: " + form.objectives() + "\n\nScope: " + form.scope()
                + "\n\nDeliverables: " + form.deliverables() + "\n\nLeads: " + String.join(", ", form.leads()));
    }

    private static String key(DelegateExecution execution) {
        return (String) execution.getVariable("proposalKey");
    }

    static void requireComments(String comments, String field, String message) {
        if (comments.isEmpty()) {
            throw new FormInputException(Map.of(field, message));
        }
        if (comments.length() > 4000) {
            throw new FormInputException(Map.of(field, "at most 4000 characters"));
        }
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }
}
