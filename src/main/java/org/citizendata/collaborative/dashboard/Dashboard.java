package org.citizendata.collaborative.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * The governance at a glance, for the Secretariat (everything, with links into Cockpit) and the
 * Steering Committee (read-only; while a ballot is open only the Secretariat sees who voted).
 */
@Service
class Dashboard {

    static final List<String> PROPOSAL_STAGES = List.of("CHECKING", "RETURNED", "CONSISTENCY", "CHANGES", "VOTING",
            "APPROVED", "REJECTED", "WITHDRAWN");
    static final List<String> TABLES = List.of("proposals", "workstreams", "ballots", "reviews", "sessions", "drive",
            "coleads", "overdue", "failures");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";
    private static final String COCKPIT = "/camunda/app/cockpit/default/#/process-instance/";

    private final DashboardQueries queries;

    Dashboard(DashboardQueries queries) {
        this.queries = queries;
    }

    /** Who looks: the Secretariat (and administrators) see turnout while ballots are open, and Cockpit. */
    record Viewer(boolean secretariat) {
    }

    record Chart(String name, String title, List<String> labels, Map<String, List<Number>> series) {
    }

    record View(Instant at, List<DashboardTable> tables, List<Chart> charts) {
    }

    View view(Viewer viewer) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Map<String, String> openTasks = queries.anyOpenTaskByProcessInstance();
        Map<String, String> outputs = queries.outputInstances();
        Ballots ballots = ballots(viewer, now, openTasks);
        Drive drive = drive();
        List<DashboardTable> tables = List.of(proposals(viewer, now, openTasks), workstreams(now), ballots.table(),
                reviews(viewer, openTasks, outputs), sessions(viewer, now, openTasks, outputs), drive.table(),
                coLeads(viewer, now, openTasks), overdue(now), failures(viewer));
        return new View(now, tables, List.of(funnel(), ballots.chart(), drive.chart()));
    }

    /** One table alone (a CSV export), without the queries of the others. */
    DashboardTable table(String name, Viewer viewer) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        return switch (name) {
            case "proposals" -> proposals(viewer, now, queries.anyOpenTaskByProcessInstance());
            case "workstreams" -> workstreams(now);
            case "ballots" -> ballots(viewer, now, queries.anyOpenTaskByProcessInstance()).table();
            case "reviews" -> reviews(viewer, queries.anyOpenTaskByProcessInstance(), queries.outputInstances());
            case "sessions" -> sessions(viewer, now, queries.anyOpenTaskByProcessInstance(), queries.outputInstances());
            case "drive" -> drive().table();
            case "coleads" -> coLeads(viewer, now, queries.anyOpenTaskByProcessInstance());
            case "overdue" -> overdue(now);
            case "failures" -> failures(viewer);
            default -> throw new IllegalArgumentException("No dashboard table " + name);
        };
    }

    private DashboardTable proposals(Viewer viewer, Instant now, Map<String, String> openTasks) {
        List<DashboardTable.Row> rows = new ArrayList<>();
        for (DashboardQueries.Proposal p : queries.openProposals()) {
            Link link = link(viewer, p.processInstanceId(), openTasks);
            rows.add(DashboardTable.Row.of(link.url(), link.label(), p.key(), p.title(), p.status(),
                    Duration.between(p.createdAt(), now).toDays()));
        }
        return new DashboardTable("proposals", "Workstream proposals under way", List.of("Proposal", "Title", "Stage",
                "Age (days)"), rows, null);
    }

    private Chart funnel() {
        Map<String, Long> counts = queries.proposalsByStatus();
        List<Number> values = PROPOSAL_STAGES.stream().map(s -> (Number) counts.getOrDefault(s, 0L)).toList();
        return new Chart("funnel", "Proposals by stage", PROPOSAL_STAGES, Map.of("Proposals", values));
    }

    private DashboardTable workstreams(Instant now) {
        Map<String, DashboardQueries.OpenTask> reports = queries.firstOpenTaskByBusinessKey("Task_SubmitReport");
        List<DashboardTable.Row> rows = new ArrayList<>();
        for (Map<String, Object> w : queries.activeWorkstreams()) {
            String key = (String) w.get("workstream_key");
            DashboardQueries.OpenTask report = reports.get(key);
            boolean overdue = report != null && report.due() != null && report.due().isBefore(now);
            rows.add(DashboardTable.Row.of(report == null ? null : TASKLIST + report.taskId(), report == null ? null : "report task",
                    key, w.get("title"), date(w.get("planned_end")),
                    report == null || report.due() == null ? "none open" : DAY.format(report.due()), overdue ? "overdue" : ""));
        }
        return new DashboardTable("workstreams", "Active workstreams and their reports", List.of("Workstream", "Title",
                "Planned end", "Next report due", "Report overdue"), rows, null);
    }

    private record Ballots(DashboardTable table, Chart chart) {
    }

    private Ballots ballots(Viewer viewer, Instant now, Map<String, String> openTasks) {
        Map<String, List<String>> notVoted = viewer.secretariat() ? queries.notVoted() : Map.of();
        List<DashboardTable.Row> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Number> turnout = new ArrayList<>();
        for (Map<String, Object> b : queries.openBallots()) {
            int eligible = ((Number) b.get("eligible")).intValue();
            int votes = ((Number) b.get("votes")).intValue();
            Link link = link(viewer, (String) b.get("process_instance_id"), openTasks);
            rows.add(DashboardTable.Row.of(link.url(), link.label(), "decision", b.get("title"), b.get("status"),
                    timestamp(b.get("closes_at")), viewer.secretariat() ? votes + " of " + eligible : "after the close",
                    viewer.secretariat() ? String.join(", ", notVoted.getOrDefault((String) b.get("id"), List.of())) : ""));
            labels.add((String) b.get("title"));
            turnout.add(eligible == 0 ? 0 : Math.round(100.0 * votes / eligible));
        }
        for (Map<String, Object> b : queries.openElectionBallots()) {
            int electorate = ((Number) b.get("electorate")).intValue();
            int votes = ((Number) b.get("votes")).intValue();
            Link link = link(viewer, (String) b.get("process_instance_id"), openTasks);
            String title = "Co-lead election " + b.get("election_key") + ", round " + b.get("round") + " (" + b.get("seats")
                    + " seat(s), secret)";
            rows.add(DashboardTable.Row.of(link.url(), link.label(), "election", title, "OPEN", timestamp(b.get("closes_at")),
                    viewer.secretariat() ? votes + " of " + electorate : "after the close",
                    viewer.secretariat() ? String.join(", ", queries.steeringCommitteeWithoutVote((String) b.get("id"))) : ""));
            labels.add(title);
            turnout.add(electorate == 0 ? 0 : Math.round(100.0 * votes / electorate));
        }
        DashboardTable table = new DashboardTable("ballots", "Open ballots of the Steering Committee", List.of("Kind", "Title",
                "Status", "Closes", "Turnout", "Not voted yet"), rows, viewer.secretariat() ? null
                : "While a ballot is open, only the Secretariat sees its turnout.");
        return new Ballots(table, new Chart("turnout", "Turnout of open ballots (%)", viewer.secretariat() ? labels : List.of(),
                Map.of("Turnout", viewer.secretariat() ? turnout : List.of())));
    }

    private DashboardTable reviews(Viewer viewer, Map<String, String> openTasks, Map<String, String> outputs) {
        Map<String, Long> waiting = queries.openTaskCountByBusinessKey("Task_ReviewOutput");
        List<DashboardTable.Row> rows = new ArrayList<>();
        for (Map<String, Object> r : queries.reviewRounds()) {
            String key = (String) r.get("output_key");
            long responded = ((Number) r.get("responded")).longValue();
            long invited = responded + waiting.getOrDefault(key, 0L);
            Link link = link(viewer, outputs.get(key), openTasks);
            rows.add(DashboardTable.Row.of(link.url(), link.label(), key, r.get("title"), r.get("review_round"),
                    timestamp(r.get("review_deadline")),
                    responded + " of " + invited, invited == 0 ? "" : Math.round(100.0 * responded / invited) + "%"));
        }
        return new DashboardTable("reviews", "Member review rounds", List.of("Output", "Title", "Round", "Deadline",
                "Reviews", "Response rate"), rows, null);
    }

    private DashboardTable sessions(Viewer viewer, Instant now, Map<String, String> openTasks, Map<String, String> outputs) {
        List<DashboardTable.Row> rows = new ArrayList<>();
        for (Map<String, Object> s : queries.sessionsAndOutputs(now)) {
            Link link = link(viewer, outputs.get((String) s.get("output_key")), openTasks);
            rows.add(DashboardTable.Row.of(link.url(), link.label(), s.get("session_number"), date(s.get("opens_on")),
                    date(s.get("document_deadline")), s.get("output_key") == null ? "no output yet" : s.get("output_key"),
                    s.get("title"), s.get("track"), s.get("status")));
        }
        return new DashboardTable("sessions", "Outputs for the Statistical Commission", List.of("Session", "Opens",
                "Documents due", "Output", "Title", "Track", "Status"), rows, null);
    }

    private record Drive(DashboardTable table, Chart chart) {
    }

    private Drive drive() {
        Map<String, Object> drive = queries.currentDrive();
        List<DashboardTable.Row> rows = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        Map<String, List<Number>> series = new LinkedHashMap<>();
        String title = "Membership drive";
        if (drive != null) {
            String key = (String) drive.get("drive_key");
            title = "Membership drive " + key + " (" + drive.get("status").toString().toLowerCase() + ", applications until "
                    + timestamp(drive.get("window_closes_at")) + ")";
            List<Map<String, Object>> counts = queries.driveApplications(key);
            counts.stream().map(c -> (String) c.get("category")).distinct().forEach(categories::add);
            for (Map<String, Object> c : counts) {
                rows.add(DashboardTable.Row.of(null, null, c.get("category"), c.get("status"), c.get("applications")));
                List<Number> values = series.computeIfAbsent((String) c.get("status"),
                        s -> new ArrayList<>(java.util.Collections.nCopies(categories.size(), 0)));
                values.set(categories.indexOf((String) c.get("category")), ((Number) c.get("applications")).longValue());
            }
        }
        String note = queries.offCycleInScreening() + " off-cycle application(s) in screening.";
        return new Drive(new DashboardTable("drive", title, List.of("Category", "Status", "Applications"), rows, note),
                new Chart("drive", "Drive applications by category and status", categories, series));
    }

    private DashboardTable coLeads(Viewer viewer, Instant now, Map<String, String> openTasks) {
        List<DashboardTable.Row> rows = new ArrayList<>();
        for (Map<String, Object> t : queries.coLeadTerms(now)) {
            rows.add(DashboardTable.Row.of(null, null, "term", t.get("name"), date(t.get("starts_on")), date(t.get("ends_on")),
                    Boolean.TRUE.equals(t.get("extended")) ? "continuity year" : ""));
        }
        for (Map<String, Object> e : queries.elections()) {
            Link link = link(viewer, (String) e.get("process_instance_id"), openTasks);
            rows.add(DashboardTable.Row.of(link.url(), link.label(), "election", e.get("election_key") + ": " + e.get("seats")
                    + " seat(s)", date(e.get("term_starts_on")), "", e.get("status").toString().toLowerCase()));
        }
        return new DashboardTable("coleads", "Co-lead terms and the next election", List.of("Kind", "Who", "From", "Until",
                "Note"), rows, null);
    }

    private DashboardTable overdue(Instant now) {
        List<DashboardTable.Row> rows = new ArrayList<>();
        for (Map<String, Object> o : queries.overdueTasksByGroup(now)) {
            rows.add(DashboardTable.Row.of(null, null, o.get("group_name") == null ? o.get("group_id") : o.get("group_name"),
                    o.get("overdue"), timestamp(o.get("oldest"))));
        }
        return new DashboardTable("overdue", "Overdue tasks by organisation or group", List.of("Organisation or group",
                "Overdue tasks", "Oldest due date"), rows, null);
    }

    private DashboardTable failures(Viewer viewer) {
        List<DashboardTable.Row> rows = new ArrayList<>();
        if (!viewer.secretariat()) {
            // Error messages and subjects can name applicants and members: the Secretariat's to read.
            return new DashboardTable("failures", "Failed jobs and mail failures", List.of("Kind", "Where", "What"), rows,
                    "Shown to the Secretariat.");
        }
        for (Map<String, Object> j : queries.failedJobs()) {
            String instance = (String) j.get("process_instance_id_");
            rows.add(DashboardTable.Row.of(instance != null ? COCKPIT + instance + "/runtime" : null,
                    "Cockpit", "failed job", j.get("process_def_key_"), shorten(j.get("exception_msg_"))));
        }
        for (Map<String, Object> m : queries.failedMails()) {
            rows.add(DashboardTable.Row.of(null, null, "mail not delivered", m.get("recipient_address"),
                    m.get("subject") + ": " + shorten(m.get("last_error"))));
        }
        return new DashboardTable("failures", "Failed jobs and mail failures", List.of("Kind", "Where", "What"), rows, null);
    }

    private record Link(String url, String label) {
    }

    /** The open task in Tasklist when there is one; otherwise the instance in Cockpit, for the Secretariat. */
    private static Link link(Viewer viewer, String processInstanceId, Map<String, String> openTasks) {
        if (processInstanceId == null) {
            return new Link(null, null);
        }
        String task = openTasks.get(processInstanceId);
        if (task != null) {
            return new Link(TASKLIST + task, "Tasklist");
        }
        return viewer.secretariat() ? new Link(COCKPIT + processInstanceId + "/runtime", "Cockpit") : new Link(null, null);
    }

    private static String date(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value == null ? "" : value.toString();
    }

    private static String timestamp(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return DAY.format(t.toInstant());
        }
        return value == null ? "" : value.toString();
    }

    private static String shorten(Object value) {
        String text = value == null ? "" : value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
