package org.citizendata.collaborative.membership;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a drive brought: applications by category and country, decisions, and how long they took. */
record DriveSummary(int applications, Map<String, Long> byCategory, Map<String, Long> byCountry, long admitted,
        long declined, long inScreening, Double medianDaysToDecision) {

    static DriveSummary of(List<MembershipRepository.Application> applications) {
        List<Double> days = applications.stream().filter(a -> a.decidedAt() != null)
                .map(a -> Duration.between(a.submittedAt(), a.decidedAt()).toMinutes() / 1440.0).sorted().toList();
        Double median = days.isEmpty() ? null : days.size() % 2 == 1 ? days.get(days.size() / 2)
                : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2;
        return new DriveSummary(applications.size(), count(applications, a -> ApplyController.CATEGORIES.get(a.category())),
                count(applications, MembershipRepository.Application::country),
                applications.stream().filter(a -> a.status().equals("ADMITTED")).count(),
                applications.stream().filter(a -> a.status().equals("DECLINED")).count(),
                applications.stream().filter(a -> a.decidedAt() == null).count(), median);
    }

    String text(String driveKey, String opened, String closed) {
        StringBuilder text = new StringBuilder();
        text.append("The membership drive ").append(driveKey).append(" (opened ").append(opened).append(", closed ")
                .append(closed).append(") received ").append(applications).append(" application(s): ")
                .append(admitted).append(" admitted, ").append(declined).append(" declined, ").append(inScreening)
                .append(" still in screening.\n\n");
        text.append("Median days from application to decision: ")
                .append(medianDaysToDecision == null ? "no decision yet" : String.format("%.1f", medianDaysToDecision))
                .append(".\n\n");
        text.append("By category: ").append(join(byCategory)).append(".\n\n");
        text.append("By country: ").append(join(byCountry)).append('.');
        return text.toString();
    }

    private static Map<String, Long> count(List<MembershipRepository.Application> applications,
            Function<MembershipRepository.Application, String> key) {
        return applications.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static String join(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
