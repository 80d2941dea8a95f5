package org.citizendata.collaborative.review;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.citizendata.collaborative.platform.Csv;
import org.citizendata.collaborative.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The comment disposition matrix of an output, as CSV, for its leads, the Secretariat and the Steering Committee. */
@RestController
@RequestMapping("/api/outputs")
class OutputController {

    private final OutputRepository outputs;

    OutputController(OutputRepository outputs) {
        this.outputs = outputs;
    }

    @GetMapping(value = "/{key}/comments.csv", produces = "text/csv")
    ResponseEntity<String> comments(@PathVariable String key, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        Map<String, Object> output = outputs.find(key).orElse(null);
        if (output == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("No output " + key);
        }
        boolean lead = user.groups().contains("workstream-" + output.get("workstream_key"));
        if (!lead && !user.isSecretariat() && !user.isSteeringCommittee()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                    .body("The comments are for the workstream's leads, the Secretariat and the Steering Committee.");
        }
        StringBuilder csv = new StringBuilder(Csv.row("round", "number", "organisation", "section", "comment",
                "disposition", "response", "answered_by"));
        for (Map<String, Object> c : outputs.comments(key)) {
            csv.append(Csv.row(String.valueOf(c.get("review_round")), String.valueOf(c.get("number")),
                    (String) c.get("organisation_id"), (String) c.get("section"), (String) c.get("comment_text"),
                    (String) c.get("disposition"), (String) c.get("response"), (String) c.get("answered_by")));
        }
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + key + "-comments.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(csv.toString());
    }
}
