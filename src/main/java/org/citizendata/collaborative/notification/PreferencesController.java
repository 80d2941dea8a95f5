package org.citizendata.collaborative.notification;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page behind the link in every mail: no login, the link's secret token says whose
 * preferences these are. Changing them is a form post, so that a mail scanner following the
 * link changes nothing.
 */
@Controller
@RequestMapping("/mail/preferences")
class PreferencesController {

    private final MailPreferences preferences;

    PreferencesController(MailPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    ModelAndView show(@RequestParam(required = false) String token) {
        return preferences.byToken(token).map(p -> page(p, null)).orElseGet(PreferencesController::unknown);
    }

    @PostMapping
    ModelAndView save(@RequestParam(required = false) String token, @RequestParam(required = false) String delivery,
            @RequestParam(defaultValue = "false") boolean nonEssentialOff) {
        MailPreferences.Preference preference = preferences.byToken(token).orElse(null);
        if (preference == null) {
            return unknown();
        }
        Delivery chosen;
        try {
            chosen = Delivery.valueOf(delivery == null ? "" : delivery);
        } catch (IllegalArgumentException e) {
            ModelAndView page = page(preference, null);
            page.addObject("error", "Choose how you want to receive mail.");
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        preferences.update(preference.userId(), chosen, nonEssentialOff);
        return page(preferences.byToken(token).orElseThrow(), "Saved.");
    }

    private static ModelAndView page(MailPreferences.Preference preference, String saved) {
        ModelAndView page = new ModelAndView("mail-preferences");
        page.addObject("preference", preference);
        page.addObject("saved", saved);
        return page;
    }

    private static ModelAndView unknown() {
        ModelAndView page = new ModelAndView("mail-preferences-unknown");
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
