package org.citizendata.collaborative.election;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.citizendata.collaborative.decision.DecisionRules;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of {@code co-lead-election} (ToR: co-leads rotate every two years, elected by
 * the Steering Committee members; one co-lead may stay for an extra year for continuity).
 */
@Configuration
class ElectionDelegates {

    static final String PROCESS_KEY = "co-lead-election";
    static final String NO_NOMINATION = "none";
    static final String SECRET_CHOICES = "secretChoices";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElectionRepository repository;
    private final Elections elections;
    private final OrganisationRepository organisations;
    private final ElectionSettings settings;
    private final DecisionRules rules;
    private final IdentityService identityService;

    ElectionDelegates(ElectionRepository repository, Elections elections, OrganisationRepository organisations,
            ElectionSettings settings, DecisionRules rules, IdentityService identityService) {
        this.repository = repository;
        this.elections = elections;
        this.organisations = organisations;
        this.settings = settings;
        this.rules = rules;
        this.identityService = identityService;
    }

    /** Every morning: starts the elections whose terms end within the lead time. */
    @Bean
    JavaDelegate startDueElections() {
        return execution -> elections.startDue(today());
    }

    /** Fixes the seats, the outgoing co-leads and the new terms' dates. */
    @Bean
    JavaDelegate openElection() {
        return execution -> {
            String openedBy = (String) execution.getVariable("openedBy");
            Object requested = execution.getVariable("termStartsOn");
            LocalDate termStartsOn = requested == null ? elections.nextUncoveredTermEnd(today()).orElseThrow(
                    () -> new FormInputException("No co-lead term is waiting for an election: every current term has"
                            + " one already, or no term is recorded."))
                    : LocalDate.parse(requested.toString());
            if (repository.electionFor(termStartsOn)) {
                throw new FormInputException("An election for the terms starting on " + termStartsOn + " exists already.");
            }
            List<ElectionRepository.Term> ending = repository.allTerms().stream()
                    .filter(t -> t.endsOn().equals(termStartsOn)).toList();
            if (ending.isEmpty()) {
                throw new IllegalStateException("No co-lead term ends on " + termStartsOn);
            }
            List<String> outgoing = ending.stream().map(ElectionRepository.Term::organisationId).toList();
            String key = "E-" + termStartsOn;
            LocalDate termEndsOn = termStartsOn.plus(settings.termLength());
            repository.insertElection(key, termStartsOn, termEndsOn, ending.size(), outgoing,
                    openedBy == null ? "schedule" : openedBy, now(), execution.getProcessInstanceId());
            execution.setProcessBusinessKey(key);
            execution.setVariable("electionKey", key);
            execution.setVariable("termStartsOn", termStartsOn.toString());
            execution.setVariable("termStartsAt", Date.from(termStartsOn.atStartOfDay(ZoneOffset.UTC).toInstant()));
            execution.setVariable("seats", ending.size());
            execution.setVariable("elected", new ArrayList<String>());
            execution.setVariable("outgoingNames", names(outgoing));
            // ToR: one co-lead may stay an extra year; only when two seats fall free together, and not twice.
            boolean continuity = ending.size() >= 2 && ending.stream().noneMatch(ElectionRepository.Term::extended);
            execution.setVariable("continuityPossible", continuity);
            List<Map<String, String>> options = new ArrayList<>();
            options.add(option("Nobody: both seats are elected now", NO_NOMINATION));
            outgoing.forEach(o -> options.add(option(name(o) + " stays one extra year", o)));
            execution.setVariable("continuityOptions", json(options));
        };
    }

    /** The Secretariat's proposal, put to the Steering Committee when someone is to stay. */
    @Bean
    JavaDelegate recordContinuityProposal() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            Set<String> allowed = new LinkedHashSet<>(election.outgoing());
            allowed.add(NO_NOMINATION);
            String proposal = FormValues.choice(execution, "continuityProposal", allowed,
                    "choose nobody or one of the outgoing co-leads");
            execution.setVariable("continuityProposed", !NO_NOMINATION.equals(proposal));
            if (!NO_NOMINATION.equals(proposal)) {
                execution.setVariable("continuityTitle", name(proposal) + " stays one extra year as co-lead");
                execution.setVariable("continuitySummary", "ToR: one co-lead may stay for an extra year to maintain"
                        + " continuity and a smooth transition. If approved, " + name(proposal) + "'s term ends on "
                        + election.termStartsOn().plus(settings.continuityExtension()) + " instead of "
                        + election.termStartsOn() + ", one seat is elected now, and the extended seat is elected a year later.");
            }
        };
    }

    /** Approved: the term is extended by a year and one seat fewer is elected now. */
    @Bean
    JavaDelegate applyContinuity() {
        return execution -> {
            if (!"APPROVED".equals(execution.getVariable("decisionOutcome"))) {
                return;
            }
            ElectionRepository.Election election = election(execution);
            String staying = (String) execution.getVariable("continuityProposal");
            ElectionRepository.Term term = repository.allTerms().stream()
                    .filter(t -> t.organisationId().equals(staying) && t.endsOn().equals(election.termStartsOn()))
                    .findFirst().orElseThrow();
            repository.extendTerm(term.id(), term.endsOn().plus(settings.continuityExtension()));
            repository.recordContinuity(election.key(), staying, election.seats() - 1);
            execution.setVariable("seats", election.seats() - 1);
        };
    }

    /** Opens a nomination round: who may be nominated, and until when. */
    @Bean
    JavaDelegate openNominations() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            int round = repository.nextNominationRound(election.key());
            List<Map<String, String>> options = new ArrayList<>();
            options.add(option("No nomination from us", NO_NOMINATION));
            eligibleNominees(election).forEach(o -> options.add(option(o.name(), o.id())));
            if (eligibleNominees(election).size() < election.seats()) {
                // Nominations could never fill the seats: the Secretariat sees an incident in Cockpit.
                throw new IllegalStateException("Election " + election.key() + ": fewer eligible Steering Committee"
                        + " organisations than seats");
            }
            execution.setVariable("nominationRound", round);
            execution.setVariable("nomineeOptions", json(options));
            execution.setVariable("electorate", steeringCommittee());
            execution.setVariable("nominationDeadline", Date.from(now().plus(settings.nominationPeriod())));
        };
    }

    /** One organisation's nomination (ToR: Steering Committee members elect; they may nominate themselves). */
    @Bean
    JavaDelegate recordNomination() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            Set<String> allowed = eligibleNominees(election).stream().map(Organisation::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            allowed.add(NO_NOMINATION);
            String nominee = FormValues.choice(execution, "nominee", allowed, settings.outgoingMayStand()
                    ? "choose a Steering Committee organisation, or no nomination"
                    : "choose a Steering Committee organisation that is not an outgoing co-lead, or no nomination");
            if (!NO_NOMINATION.equals(nominee)) {
                repository.nominate(election.key(), (Integer) execution.getVariable("nominationRound"), nominee,
                        (String) execution.getVariable("nominatingOrganisation"), currentUser(), now());
            }
        };
    }

    /** The nominees of the round who are not candidates yet are asked whether they stand. */
    @Bean
    JavaDelegate askNominees() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            List<String> nominees = repository.newNominees(election.key(), (Integer) execution.getVariable("nominationRound"));
            nominees.forEach(n -> repository.addPendingCandidate(election.key(), n));
            execution.setVariable("nominees", new ArrayList<>(nominees));
            execution.setVariable("acceptanceDeadline", Date.from(now().plus(settings.acceptancePeriod())));
        };
    }

    @Bean
    JavaDelegate recordNominationAnswer() {
        return execution -> {
            String answer = FormValues.choice(execution, "nominationAnswer", Set.of("accept", "decline"),
                    "accept or decline the nomination");
            repository.answer(election(execution).key(), (String) execution.getVariable("nomineeOrganisation"),
                    "accept".equals(answer) ? "ACCEPTED" : "DECLINED", currentUser(), now());
        };
    }

    /** Enough candidates for the seats? If not, the current co-leads stay and nominations open again. */
    @Bean
    JavaDelegate countCandidates() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            repository.markUnanswered(election.key());
            List<String> candidates = repository.acceptedCandidates(election.key());
            boolean enough = candidates.size() >= election.seats();
            execution.setVariable("enoughCandidates", enough);
            execution.setVariable("candidateNames", candidates.isEmpty() ? "none" : names(candidates));
            if (enough) {
                execution.setVariable("ballotCandidates", new ArrayList<>(candidates));
                execution.setVariable("seatsToFill", election.seats());
            }
        };
    }

    /** A ballot round: the main ballot, a runoff between tied candidates, or a new vote without quorum. */
    @Bean
    JavaDelegate openElectionBallot() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            repository.setStatus(election.key(), "VOTING");
            @SuppressWarnings("unchecked")
            List<String> candidates = (List<String>) execution.getVariable("ballotCandidates");
            int seats = (Integer) execution.getVariable("seatsToFill");
            List<String> electorate = steeringCommittee();
            Instant closes = now().plus(settings.votingPeriod());
            String ballot = repository.openBallot(election.key(), repository.ballotRounds(election.key()) + 1, seats,
                    candidates, electorate.size(), now(), closes);
            List<Map<String, String>> options = candidates.stream().map(c -> option(name(c), c)).toList();
            execution.setVariable("ballotId", ballot);
            execution.setVariable("candidateOptions", json(options));
            execution.setVariable("electorate", electorate);
            execution.setVariable("votingDeadline", Date.from(closes));
        };
    }

    /**
     * Keeps who voted and, apart from it, what was chosen; the choice itself leaves no variable
     * behind (and no history: see {@code SecretVariablesHistory}).
     */
    @Bean
    JavaDelegate recordElectionVote() {
        return execution -> {
            String organisation = (String) execution.getVariable("votingOrganisation");
            ElectionRepository.Ballot ballot = repository.findBallot((String) execution.getVariable("ballotId")).orElseThrow();
            List<String> choices = choices(execution.getVariable(SECRET_CHOICES));
            execution.removeVariable(SECRET_CHOICES);
            String user = currentUser();
            if (!now().isBefore(ballot.closesAt())) {
                throw new FormInputException("The ballot closed on " + ballot.closesAt() + ".");
            }
            if (user == null || !organisations.findByRepresentative(user).map(Organisation::id).orElse("").equals(organisation)) {
                throw new FormInputException("Only a representative of " + name(organisation) + " votes for it.");
            }
            if (choices.size() != new LinkedHashSet<>(choices).size() || !ballot.candidates().containsAll(choices)) {
                throw new FormInputException(Map.of(SECRET_CHOICES, "choose among the candidates, each at most once"));
            }
            if (choices.size() > ballot.seats()) {
                throw new FormInputException(Map.of(SECRET_CHOICES, "choose at most " + ballot.seats() + " candidate(s),"
                        + " as many as there are open seats; you chose " + choices.size()));
            }
            repository.castSecretly(ballot.id(), organisation, user, now(), choices);
        };
    }

    /** Counts the round: elected, a runoff for a tied last seat, or a new vote when the quorum was missed. */
    @Bean
    JavaDelegate countElectionBallot() {
        return execution -> {
            ElectionRepository.Ballot ballot = repository.findBallot((String) execution.getVariable("ballotId")).orElseThrow();
            ElectionRepository.Election election = election(execution);
            int turnout = repository.turnout(ballot.id());
            DecisionRules.Quorum quorum = rules.currentQuorum(ballot.electorate(), turnout);
            String turnoutText = "Turnout " + turnout + " of " + ballot.electorate() + " (" + quorum.required() + " needed).";
            if (!quorum.met()) {
                repository.closeBallot(ballot.id(), now(), "No quorum. " + turnoutText);
                execution.setVariable("ballotOutcome", "NO_QUORUM");
                execution.setVariable("ballotNote", "Round " + ballot.round() + " missed the quorum. " + turnoutText
                        + " The ballot is held again.");
                return;
            }
            ElectionCount count = ElectionCount.of(ballot.candidates(), ballot.seats(), repository.choices(ballot.id()));
            String votes = count.describe(namesById(ballot.candidates()));
            @SuppressWarnings("unchecked")
            List<String> electedSoFar = new ArrayList<>((List<String>) execution.getVariable("elected"));
            electedSoFar.addAll(count.elected());
            execution.setVariable("elected", electedSoFar);
            if (count.needsRunoff()) {
                repository.closeBallot(ballot.id(), now(), "Votes: " + votes + ". Tie for the last seat(s): runoff. " + turnoutText);
                execution.setVariable("ballotOutcome", "RUNOFF");
                execution.setVariable("ballotCandidates", new ArrayList<>(count.runoffCandidates()));
                execution.setVariable("seatsToFill", count.runoffSeats());
                execution.setVariable("ballotNote", "Round " + ballot.round() + ": " + votes + ". A tie for the last seat:"
                        + " runoff between " + names(count.runoffCandidates()) + ".");
                return;
            }
            String result = "Elected for " + election.termStartsOn() + " to " + election.termEndsOn() + ": "
                    + names(electedSoFar) + ". Round " + ballot.round() + ": " + votes + ". " + turnoutText;
            repository.closeBallot(ballot.id(), now(), result);
            repository.recordResult(election.key(), "CERTIFYING", result);
            execution.setVariable("ballotOutcome", "ELECTED");
            execution.setVariable("electionResult", result);
        };
    }

    /** The Secretariat certifies; the new terms are recorded and the handovers prepared. */
    @Bean
    JavaDelegate recordCertification() {
        return execution -> {
            if (!Boolean.TRUE.equals(execution.getVariable("certified"))) {
                throw new FormInputException(Map.of("certified", "certify the result to complete the election"));
            }
            ElectionRepository.Election election = election(execution);
            @SuppressWarnings("unchecked")
            List<String> elected = (List<String>) execution.getVariable("elected");
            for (String organisation : elected) {
                repository.insertTerm(organisation, election.termStartsOn(), election.termEndsOn(), election.key());
            }
            repository.recordCertification(election.key(), currentUser(), now());
            List<String> leaving = election.outgoing().stream()
                    .filter(o -> !elected.contains(o) && !o.equals(election.extendedOrganisation())).toList();
            List<String> arriving = elected.stream().filter(o -> !election.outgoing().contains(o)).toList();
            execution.setVariable("leaving", new ArrayList<>(leaving));
            execution.setVariable("arriving", new ArrayList<>(arriving));
            execution.setVariable("arrivingNames", arriving.isEmpty() ? "none" : names(arriving));
            execution.setVariable("leavingNames", leaving.isEmpty() ? "none" : names(leaving));
        };
    }

    /** The first day of the new terms: the {@code co-leads} group follows the term table. */
    @Bean
    JavaDelegate changeCoLeads() {
        return execution -> {
            ElectionRepository.Election election = election(execution);
            elections.alignCoLeadsGroup(election.termStartsOn());
            repository.setStatus(election.key(), "INSTALLED");
        };
    }

    private List<Organisation> eligibleNominees(ElectionRepository.Election election) {
        return organisations.findSteeringCommittee().stream()
                .filter(o -> settings.outgoingMayStand() || !election.outgoing().contains(o.id()))
                .filter(o -> !o.id().equals(election.extendedOrganisation()))
                .toList();
    }

    private List<String> steeringCommittee() {
        return new ArrayList<>(organisations.findSteeringCommittee().stream().map(Organisation::id).toList());
    }

    private ElectionRepository.Election election(DelegateExecution execution) {
        return repository.findElection((String) execution.getVariable("electionKey")).orElseThrow();
    }

    /** The choices as a form submits them: a JSON list from Tasklist, or a list or text from the API. */
    static List<String> choices(Object value) {
        List<String> choices = new ArrayList<>();
        if (value instanceof SpinJsonNode node && node.isArray()) {
            node.elements().forEach(e -> choices.add(e.isString() ? e.stringValue() : e.toString()));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(c -> choices.add(String.valueOf(c)));
        } else if (value instanceof String text && !text.isBlank()) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    choices.add(part.strip());
                }
            }
        } else if (value != null && !(value instanceof String)) {
            throw new FormInputException(Map.of(SECRET_CHOICES, "choose candidates from the list"));
        }
        return choices;
    }

    private String name(String organisationId) {
        return organisations.findById(organisationId).map(Organisation::name).orElse(organisationId);
    }

    private String names(List<String> organisationIds) {
        return organisationIds.stream().map(this::name).collect(Collectors.joining(", "));
    }

    private Map<String, String> namesById(List<String> organisationIds) {
        Map<String, String> names = new LinkedHashMap<>();
        organisationIds.forEach(o -> names.put(o, name(o)));
        return names;
    }

    private static Map<String, String> option(String label, String value) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        return option;
    }

    private static Object json(Object value) throws JsonProcessingException {
        return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    }

    private String currentUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }
}
