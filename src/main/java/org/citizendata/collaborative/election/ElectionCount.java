package org.citizendata.collaborative.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The count of an election ballot (domain.md): most votes wins; a tie for the last open seat
 * goes to a runoff between the tied candidates for the seats still open.
 */
record ElectionCount(Map<String, Long> votes, List<String> elected, List<String> runoffCandidates, int runoffSeats) {

    static ElectionCount of(List<String> candidates, int seats, List<String> choices) {
        Map<String, Long> votes = new LinkedHashMap<>();
        candidates.stream().sorted().forEach(c -> votes.put(c, 0L));
        choices.forEach(c -> votes.merge(c, 1L, Long::sum));
        List<String> ranked = votes.keySet().stream()
                .sorted(Comparator.comparing((String c) -> votes.get(c)).reversed().thenComparing(c -> c)).toList();
        if (ranked.size() <= seats) {
            return new ElectionCount(votes, ranked, List.of(), 0);
        }
        long threshold = votes.get(ranked.get(seats - 1));
        List<String> above = ranked.stream().filter(c -> votes.get(c) > threshold).toList();
        List<String> tied = ranked.stream().filter(c -> votes.get(c) == threshold).toList();
        if (above.size() + tied.size() <= seats) {
            List<String> elected = new ArrayList<>(above);
            elected.addAll(tied);
            return new ElectionCount(votes, elected, List.of(), 0);
        }
        return new ElectionCount(votes, above, tied, seats - above.size());
    }

    boolean needsRunoff() {
        return !runoffCandidates.isEmpty();
    }

    String describe(Map<String, String> names) {
        return votes.entrySet().stream().map(e -> names.getOrDefault(e.getKey(), e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
