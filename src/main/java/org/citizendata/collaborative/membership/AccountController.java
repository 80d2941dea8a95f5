package org.citizendata.collaborative.membership;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.citizendata.collaborative.platform.PageTokens;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * A new member's first password, set through the one-time link of the welcome mail: no password
 * travels by mail, and the link works once.
 */
@Controller
@RequestMapping("/account/password")
class AccountController {

    static final int MINIMUM_LENGTH = 12;

    private final OneTimeLinks links;
    private final IdentityService identityService;
    private final PageTokens tokens;
    private final TransactionTemplate transaction;

    AccountController(OneTimeLinks links, IdentityService identityService, PageTokens tokens,
            TransactionTemplate transaction) {
        this.links = links;
        this.identityService = identityService;
        this.tokens = tokens;
        this.transaction = transaction;
    }

    @GetMapping("/{token}")
    ModelAndView page(@PathVariable String token, HttpServletRequest request) {
        OneTimeLinks.Result result = links.check(OneTimeLinks.Purpose.PASSWORD, token);
        return result.link() == null ? ApplyController.invalid(result.refusal())
                : form(request, token, result.link(), null, HttpStatus.OK);
    }

    @PostMapping("/{token}")
    ModelAndView set(@PathVariable String token, HttpServletRequest request) {
        OneTimeLinks.Result result = links.check(OneTimeLinks.Purpose.PASSWORD, token);
        if (result.link() == null) {
            return ApplyController.invalid(result.refusal());
        }
        String userId = result.link().subject();
        String password = request.getParameter("password") == null ? "" : request.getParameter("password");
        String confirmation = request.getParameter("confirmation");
        if (!tokens.valid(request)) {
            return form(request, token, result.link(), "This form has expired or did not come from this site: please"
                    + " enter the password again.", HttpStatus.FORBIDDEN);
        }
        String problem = problem(userId, password, confirmation);
        if (problem != null) {
            return form(request, token, result.link(), problem, HttpStatus.BAD_REQUEST);
        }
        boolean set = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!links.use(token)) {
                return false;
            }
            User user = identityService.createUserQuery().userId(userId).singleResult();
            user.setPassword(password);
            identityService.saveUser(user);
            return true;
        }));
        if (!set) {
            return ApplyController.invalid(OneTimeLinks.Refusal.USED);
        }
        ModelAndView page = new ModelAndView("membership/message");
        page.addObject("title", "Your password is set");
        page.addObject("text", "Log in to Tasklist as " + userId + " with your new password.");
        page.addObject("link", "/camunda/app/tasklist/");
        page.addObject("linkLabel", "Open Tasklist");
        return page;
    }

    static String problem(String userId, String password, String confirmation) {
        if (password.length() < MINIMUM_LENGTH || password.length() > 128) {
            return "Choose a password of " + MINIMUM_LENGTH + " to 128 characters.";
        }
        if (password.toLowerCase(Locale.ROOT).contains(userId.toLowerCase(Locale.ROOT))) {
            return "The password may not contain your user name.";
        }
        if (!password.equals(confirmation)) {
            return "The two passwords differ: enter the same password twice.";
        }
        return null;
    }

    private ModelAndView form(HttpServletRequest request, String token, OneTimeLinks.Link link, String message,
            HttpStatus status) {
        ModelAndView page = new ModelAndView("membership/account-password");
        page.addObject("userId", link.subject());
        page.addObject("token", token);
        page.addObject("expires", ApplicantMail.WHEN.format(link.expiresAt()));
        page.addObject("message", message);
        page.addObject("csrf", tokens.token(request));
        page.setStatus(status);
        return page;
    }
}
