package org.citizendata.collaborative.platform;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** The user logged in to the Camunda web applications, as their HTTP session holds them. */
final class WebappSessions {

    private WebappSessions() {
    }

    static Optional<CurrentUser> user(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return Optional.empty();
        }
        return authentications.getAuthentications().stream()
                .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast).findFirst()
                .map(a -> new CurrentUser(a.getIdentityId(), a.getGroupIds() == null ? List.of() : a.getGroupIds()));
    }
}
