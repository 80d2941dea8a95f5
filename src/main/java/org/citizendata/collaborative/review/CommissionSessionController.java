package org.citizendata.collaborative.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.citizendata.collaborative.platform.CurrentUser;
import org.citizendata.collaborative.platform.FormInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Statistical Commission's session calendar: everyone reads it, the Secretariat keeps it. */
@RestController
@RequestMapping("/api/commission/sessions")
class CommissionSessionController {

    private final CommissionCalendar calendar;

    CommissionSessionController(CommissionCalendar calendar) {
        this.calendar = calendar;
    }

    record SessionInput(Integer sessionNumber, String opensOn, String closesOn, String documentDeadline) {
    }

    @GetMapping
    List<SessionScheduler.Session> sessions() {
        return calendar.sessions();
    }

    @PostMapping
    ResponseEntity<?> add(@RequestBody SessionInput input, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (!user.isSecretariat()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "The Secretariat keeps the calendar."));
        }
        try {
            if (input.sessionNumber() == null) {
                throw new FormInputException(Map.of("sessionNumber", "is required"));
            }
            calendar.add(input.sessionNumber(), LocalDate.parse(String.valueOf(input.opensOn())),
                    LocalDate.parse(String.valueOf(input.closesOn())),
                    input.documentDeadline() == null || input.documentDeadline().isBlank() ? null
                            : LocalDate.parse(input.documentDeadline()));
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("message", "dates as YYYY-MM-DD"));
        } catch (FormInputException e) {
            return ResponseEntity.badRequest().body(Map.of("message", e.getMessage(), "fields", e.fieldErrors()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(calendar.sessions());
    }
}
