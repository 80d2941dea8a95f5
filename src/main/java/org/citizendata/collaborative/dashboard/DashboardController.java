package org.citizendata.collaborative.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.citizendata.collaborative.platform.CurrentUser;
import org.citizendata.collaborative.platform.Csv;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The dashboard page ({@code /dashboard}) and the CSV export of each of its tables. Only the
 * Secretariat, the Steering Committee (co-leads included) and administrators open it.
 */
@Controller
@RequestMapping("/dashboard")
class DashboardController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    ModelAndView page(@RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) throws JsonProcessingException {
        if (!allowed(user)) {
            ModelAndView refused = new ModelAndView("dashboard/refused");
            refused.setStatus(HttpStatus.FORBIDDEN);
            return refused;
        }
        Dashboard.View view = dashboard.view(viewer(user));
        ModelAndView page = new ModelAndView("dashboard/dashboard");
        page.addObject("view", view);
        page.addObject("user", user.userId());
        page.addObject("at", AT.format(view.at()));
        page.addObject("secretariat", user.isSecretariat());
        // Chart data travels in an HTML attribute: escaped there, parsed as JSON by the page.
        page.addObject("charts", JSON.writeValueAsString(view.charts()));
        return page;
    }

    @GetMapping("/{table}.csv")
    ResponseEntity<String> csv(@PathVariable String table, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!allowed(user)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                    .body("Only the Secretariat, the Steering Committee and administrators open the dashboard.");
        }
        if (!Dashboard.TABLES.contains(table)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                    .body("No table " + table + "; the tables are " + String.join(", ", Dashboard.TABLES) + ".");
        }
        DashboardTable data = dashboard.table(table, viewer(user));
        List<String> header = new ArrayList<>(data.columns());
        header.add("Link");
        StringBuilder csv = new StringBuilder(Csv.row(header.toArray(String[]::new)));
        for (DashboardTable.Row row : data.rows()) {
            List<String> cells = new ArrayList<>(row.cells());
            cells.add(row.link() == null ? "" : row.link());
            csv.append(Csv.row(cells.toArray(String[]::new)));
        }
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"dashboard-" + table + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(csv.toString());
    }

    static boolean allowed(CurrentUser user) {
        return user.isSecretariat() || user.isSteeringCommittee();
    }

    private static Dashboard.Viewer viewer(CurrentUser user) {
        return new Dashboard.Viewer(user.isSecretariat());
    }
}
