package org.citizendata.collaborative.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.directory.Organisation;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.directory.StakeholderCategory;
import org.citizendata.collaborative.notification.MailKind;
import org.citizendata.collaborative.notification.Notifications;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.platform.FormTextLimit;
import org.citizendata.collaborative.platform.FormValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The delegates of {@code output-review} (ToR: outputs are reviewed by the Collaborative's members). */
@Configuration
class OutputDelegates {

    static final Set<String> TYPES = Set.of("METHODOLOGICAL_GUIDANCE", "FRAMEWORK", "CASE_STUDIES", "PROGRESS_REPORT", "OTHER");
    static final Set<String> RECOMMENDATIONS = Set.of("ENDORSE", "ENDORSE_WITH_CHANGES", "DO_NOT_ENDORSE");
    private static final Pattern URL = Pattern.compile("^https?://[^\\s<>\"]{3,1990}$");
    private static final Pattern DISPOSITION = Pattern.compile(
            "^\\s*(\\d+)\\s*\\|\\s*(accepted|partly|not)\\s*\\|\\s*(.+)$", Pattern.CASE_INSENSITIVE);

    private final OutputRepository outputs;
    private final OrganisationRepository organisations;
    private final DirectoryLookup directory;
    private final Notifications notifications;
    private final IdentityService identityService;
    private final JdbcTemplate jdbc;
    private final Duration reviewPeriod;

    OutputDelegates(OutputRepository outputs, OrganisationRepository organisations, DirectoryLookup directory,
            Notifications notifications, IdentityService identityService, JdbcTemplate jdbc,
            @Value("${collaborative.review.period}") Duration reviewPeriod) {
        this.outputs = outputs;
        this.organisations = organisations;
        this.directory = directory;
        this.notifications = notifications;
        this.identityService = identityService;
        this.jdbc = jdbc;
        this.reviewPeriod = reviewPeriod;
    }

    /** A lead of an active workstream submits an output; the reviewers are all member organisations or some categories. */
    @Bean
    JavaDelegate registerOutput() {
        return execution -> {
            Map<String, String> errors = new LinkedHashMap<>();
            String submitter = (String) execution.getVariable("submitter");
            String workstream = FormValues.text(execution, "workstreamKey");
            List<Map<String, Object>> active = jdbc.queryForList(
                    "select title from workstream where workstream_key = ? and status = 'ACTIVE'", workstream);
            if (active.isEmpty()) {
                errors.put("workstreamKey", "not an active workstream: " + clip(workstream));
            } else if (submitter == null || !directory.membersOf("workstream-" + workstream).contains(submitter)) {
                errors.put("workstreamKey", "only the leads of " + workstream + " submit its outputs");
            }
            String title = FormValues.text(execution, "title");
            if (title.isEmpty() || title.length() > 255) {
                errors.put("title", title.isEmpty() ? "is required" : "is longer than 255 characters");
            }
            String type = FormValues.text(execution, "outputType");
            if (!TYPES.contains(type)) {
                errors.put("outputType", "choose methodological guidance, framework, case studies, progress report or other");
            }
            String url = FormValues.text(execution, "documentUrl");
            if (!URL.matcher(url).matches()) {
                errors.put("documentUrl", "the link to the document, starting with https:// or http://");
            }
            String summary = FormValues.text(execution, "summary");
            if (summary.isEmpty() || summary.length() > 4000) {
                errors.put("summary", summary.isEmpty() ? "is required" : "is longer than 4000 characters");
            }
            List<StakeholderCategory> categories = new ArrayList<>();
            for (String name : FormValues.text(execution, "reviewCategories").split("[,\\s]+")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    categories.add(StakeholderCategory.valueOf(name.strip().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    errors.put("reviewCategories", "not a stakeholder category: " + clip(name));
                }
            }
            if (!errors.isEmpty()) {
                throw new FormInputException(errors);
            }
            List<String> reviewers = reviewersOf(String.join(",", categories.stream().map(Enum::name).toList()));
            String key = outputs.nextKey();
            Instant deadline = ClockUtil.getCurrentTime().toInstant().plus(reviewPeriod);
            outputs.insertOutput(key, workstream, title, type, url, summary, submitter, deadline);
            execution.setProcessBusinessKey(key);
            execution.setVariable("outputKey", key);
            execution.setVariable("round", 1);
            execution.setVariable("reviewers", reviewers);
            execution.setVariable("reviewDeadline", Date.from(deadline));
            execution.setVariable("reviewCategoryList", String.join(",", categories.stream().map(Enum::name).toList()));
            execution.setVariable("ballotTitle", "Approve the output \"" + title + "\"");
            execution.setVariable("leadOrganisation", jdbc.queryForObject("select proposer_organisation_id from"
                    + " workstream_proposal where proposal_key = ?", String.class, workstream));
        };
    }

    /** One organisation's review: general comments, "Section: comment" lines, and a recommendation. */
    @Bean
    JavaDelegate recordReview() {
        return execution -> {
            String key = (String) execution.getVariable("outputKey");
            int round = (Integer) execution.getVariable("round");
            String organisation = (String) execution.getVariable("reviewerOrganisation");
            String recommendation = FormValues.text(execution, "recommendation");
            Map<String, String> errors = new LinkedHashMap<>();
            if (!RECOMMENDATIONS.contains(recommendation)) {
                errors.put("recommendation", "endorse, endorse with changes, or do not endorse");
            }
            String general = FormValues.text(execution, "generalComments");
            if (general.length() > FormTextLimit.MAX_CHARACTERS) {
                errors.put("generalComments", "at most " + FormTextLimit.MAX_CHARACTERS + " characters");
            }
            List<String[]> sections = new ArrayList<>();
            for (String line : FormValues.text(execution, "sectionComments").split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || colon > 255 || line.substring(colon + 1).isBlank()
                        || line.length() > FormTextLimit.MAX_CHARACTERS) {
                    errors.put("sectionComments", "one comment a line, as \"Section: comment\"");
                    break;
                }
                sections.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
            }
            if (!errors.isEmpty()) {
                throw new FormInputException(errors);
            }
            if (ClockUtil.getCurrentTime().toInstant().isAfter(((Date) execution.getVariable("reviewDeadline")).toInstant())) {
                throw new FormInputException("The review round closed: your organisation's review can no longer be taken.");
            }
            if (outputs.hasReviewed(key, round, organisation)) {
                throw new FormInputException(organisation + " has already reviewed this output in this round.");
            }
            outputs.insertReview(key, round, organisation, currentUser(), recommendation, general.isEmpty() ? null : general);
            if (!general.isEmpty()) {
                outputs.insertComment(key, round, organisation, null, general);
            }
            for (String[] section : sections) {
                outputs.insertComment(key, round, organisation, section[0], section[1]);
            }
        };
    }

    /**
     * At the deadline, or when every organisation answered: the comments are numbered, the
     * organisations that did not answer are recorded and told (late reviews are not lost silently).
     */
    @Bean
    JavaDelegate closeReviewRound() {
        return execution -> {
            String key = (String) execution.getVariable("outputKey");
            int round = (Integer) execution.getVariable("round");
            @SuppressWarnings("unchecked")
            List<String> asked = (List<String>) execution.getVariable("reviewers");
            List<String> answered = outputs.reviewedOrganisations(key, round);
            String title = (String) execution.getVariable("title");
            Map<String, Object> model = Map.of("paragraphs", List.of("The review round of \"" + title + "\" closed at its"
                    + " deadline without your organisation's review. It is recorded as no response; comments sent to the"
                    + " workstream's leads directly will still be read."), "linkUrl", "", "linkLabel", "");
            List<Notifications.Message> told = new ArrayList<>();
            for (String organisation : asked) {
                if (answered.contains(organisation)) {
                    continue;
                }
                outputs.insertReview(key, round, organisation, null, "NO_RESPONSE", null);
                for (String user : directory.membersOf(Organisation.groupIdOf(organisation))) {
                    told.add(new Notifications.Message(MailKind.PROCESS_MESSAGE, user,
                            "review-closed:" + key + ":" + round + ":" + user, "The review round of \"" + title + "\" has closed",
                            "your organisation was asked to review an output of the Collaborative", model));
                }
            }
            notifications.sendAll(told);
            int comments = outputs.numberComments(key, round);
            outputs.setStatus(key, comments == 0 ? "DISPOSED" : "DISPOSITION");
            execution.setVariable("commentCount", comments);
            execution.setVariable("commentMatrix", matrix(key, round));
        };
    }

    /** The lead's answers, one a line: "number | accepted/partly/not | response". Answers are kept as they come. */
    @Bean
    JavaDelegate recordDispositions() {
        return execution -> {
            String key = (String) execution.getVariable("outputKey");
            int round = (Integer) execution.getVariable("round");
            List<String> bad = new ArrayList<>();
            List<Object[]> answers = new ArrayList<>();
            for (String line : FormValues.text(execution, "dispositions").split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = DISPOSITION.matcher(line);
                if (!m.matches() || m.group(3).strip().length() > FormTextLimit.MAX_CHARACTERS) {
                    bad.add(clip(line));
                    continue;
                }
                String disposition = switch (m.group(2).toLowerCase()) {
                    case "accepted" -> "ACCEPTED";
                    case "partly" -> "PARTLY_ACCEPTED";
                    default -> "NOT_ACCEPTED";
                };
                answers.add(new Object[] {Integer.parseInt(m.group(1)), disposition, m.group(3).strip()});
            }
            if (!bad.isEmpty()) {
                throw new FormInputException(Map.of("dispositions", "write each answer as \"number | accepted, partly or not"
                        + " | response\"; not understood: " + String.join(" / ", bad.stream().limit(3).toList())));
            }
            List<Integer> unknown = new ArrayList<>();
            for (Object[] answer : answers) {
                if (outputs.answer(key, round, (Integer) answer[0], (String) answer[1], (String) answer[2], currentUser()) == 0) {
                    unknown.add((Integer) answer[0]);
                }
            }
            if (!unknown.isEmpty()) {
                throw new FormInputException(Map.of("dispositions", "no comment with the number(s) " + unknown));
            }
            List<Integer> open = outputs.unanswered(key, round);
            execution.setVariable("allAnswered", open.isEmpty());
            if (open.isEmpty()) {
                outputs.setStatus(key, "DISPOSED");
            }
            execution.setVariable("commentMatrix", matrix(key, round));
            execution.setVariable("dispositions", "");
        };
    }

    /** The comments and their answers as the lead's form shows them. */
    private String matrix(String key, int round) {
        return commentMatrix(outputs.comments(key).stream()
                .filter(c -> ((Number) c.get("review_round")).intValue() == round).toList());
    }

    /**
     * A process variable keeps at most 4000 characters: past that, each comment is shortened and those
     * that still do not fit are counted; the output's comments CSV has them all in full.
     */
    static String commentMatrix(List<Map<String, Object>> comments) {
        String full = matrix(comments, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return full.codePointCount(0, full.length()) <= FormTextLimit.MAX_CHARACTERS ? full
                : matrix(comments, 300, FormTextLimit.MAX_CHARACTERS - 200);
    }

    private static String matrix(List<Map<String, Object>> comments, int shortenTo, int limit) {
        StringBuilder text = new StringBuilder();
        int left = 0;
        for (Map<String, Object> c : comments) {
            String entry = "**" + c.get("number") + "** (" + c.get("organisation_id")
                    + (c.get("section") == null ? ", general" : ", " + c.get("section")) + "): "
                    + shorten((String) c.get("comment_text"), shortenTo)
                    + (c.get("disposition") == null ? " — *not answered yet*"
                            : " — " + c.get("disposition") + ": " + shorten((String) c.get("response"), shortenTo))
                    + "\n\n";
            if (left > 0 || (long) text.codePointCount(0, text.length()) + entry.codePointCount(0, entry.length()) > limit) {
                left++;
            } else {
                text.append(entry);
            }
        }
        if (left > 0) {
            text.append("*").append(left).append(left == 1 ? " more comment" : " more comments")
                    .append(" of this round: the output's comments CSV has every comment in full.*");
        }
        return text.toString();
    }

    private static String shorten(String value, int characters) {
        if (value == null || value.codePointCount(0, value.length()) <= characters) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, characters)) + "…";
    }

    /** The reviewers of a round: every organisation, or those of the named categories. */
    List<String> reviewersOf(String categoryList) {
        List<StakeholderCategory> categories = categoryList == null || categoryList.isBlank() ? List.of()
                : Arrays.stream(categoryList.split(",")).map(StakeholderCategory::valueOf).toList();
        return organisations.findAll().stream()
                .filter(o -> categories.isEmpty() || categories.contains(o.category())).map(Organisation::id).toList();
    }

    private String currentUser() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static String clip(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
