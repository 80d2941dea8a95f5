package org.citizendata.collaborative.decision;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a calling process asks of the Steering Committee, read from the variables it passes in
 * ({@link SteeringCommitteeDecision} names them) and checked before anything is recorded.
 */
record BallotRequest(
        String subjectType,
        String subjectKey,
        String title,
        String summary,
        String proposingOrganisationId,
        List<String> options,
        Duration votingPeriod,
        Duration extensionPeriod,
        Duration declarationPeriod,
        boolean secret) {

    static final List<String> ALL_OPTIONS = List.of("approve", "reject", "abstain");
    private static final Duration LONGEST_PERIOD = Duration.ofDays(90);

    static BallotRequest from(VariableScope variables, Defaults defaults) {
        Map<String, String> errors = new LinkedHashMap<>();
        String subjectType = required(variables, SteeringCommitteeDecision.SUBJECT_TYPE, 64, errors);
        String subjectKey = required(variables, SteeringCommitteeDecision.SUBJECT_KEY, 255, errors);
        String title = required(variables, SteeringCommitteeDecision.TITLE, 255, errors);
        String summary = text(variables, SteeringCommitteeDecision.SUMMARY);
        if (summary != null && summary.length() > 4000) {
            errors.put(SteeringCommitteeDecision.SUMMARY, "the summary is longer than 4000 characters");
        }
        String proposer = text(variables, SteeringCommitteeDecision.PROPOSING_ORGANISATION);
        List<String> options = options(text(variables, SteeringCommitteeDecision.OPTIONS), errors);
        Duration voting = period(variables, SteeringCommitteeDecision.VOTING_PERIOD, defaults.votingPeriod(), false, errors);
        Duration extension = period(variables, SteeringCommitteeDecision.EXTENSION_PERIOD, defaults.extensionPeriod(), true, errors);
        Duration declaration = period(variables, SteeringCommitteeDecision.DECLARATION_PERIOD,
                defaults.declarationPeriod(), true, errors);
        Object secret = variables.getVariable(SteeringCommitteeDecision.SECRET_BALLOT);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("The Steering Committee decision cannot start: " + errors);
        }
        return new BallotRequest(subjectType, subjectKey, title, summary, proposer == null || proposer.isBlank() ? null : proposer,
                options, voting, extension, declaration, Boolean.TRUE.equals(secret));
    }

    private static List<String> options(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return ALL_OPTIONS;
        }
        List<String> options = Arrays.stream(value.split(",")).map(String::strip).map(String::toLowerCase).distinct().toList();
        if (!Set.copyOf(ALL_OPTIONS).containsAll(options) || !options.contains("approve") || !options.contains("reject")) {
            errors.put(SteeringCommitteeDecision.OPTIONS, "options are approve and reject, and optionally abstain");
        }
        return options;
    }

    private static Duration period(VariableScope variables, String name, Duration fallback, boolean zeroAllowed,
            Map<String, String> errors) {
        String value = text(variables, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration period = Duration.parse(value.strip());
            if (period.isNegative() || (!zeroAllowed && period.isZero()) || period.compareTo(LONGEST_PERIOD) > 0) {
                errors.put(name, "must be a period of up to 90 days, such as P10D");
            }
            return period;
        } catch (DateTimeParseException e) {
            errors.put(name, "must be an ISO 8601 period such as P10D or PT36H");
            return fallback;
        }
    }

    private static String required(VariableScope variables, String name, int maxLength, Map<String, String> errors) {
        String value = text(variables, name);
        if (value == null || value.isBlank()) {
            errors.put(name, "is required");
            return null;
        }
        if (value.strip().length() > maxLength) {
            errors.put(name, "is longer than " + maxLength + " characters");
        }
        return value.strip();
    }

    private static String text(VariableScope variables, String name) {
        Object value = variables.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** The defaults where the caller is silent (domain.md: voting period, extension). */
    record Defaults(Duration votingPeriod, Duration extensionPeriod, Duration declarationPeriod) {
    }
}
