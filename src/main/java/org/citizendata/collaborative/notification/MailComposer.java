package org.citizendata.collaborative.notification;

import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders mail from the templates in {@code templates/mail/}: a body per kind, in HTML and in
 * plain text, inside one layout that names the Collaborative and says why the person gets it.
 */
@Component
class MailComposer {

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

    /** The last body this thread rendered: the recipients of one event share it. */
    private final ThreadLocal<Body> lastBody = new ThreadLocal<>();

    record Rendered(String subject, String text, String html) {
    }

    private record Body(MailKind kind, Map<String, Object> model, String html, String text) {
    }

    Rendered render(MailKind kind, String subject, String recipientName, String why, String preferencesUrl,
            Map<String, Object> model) {
        Body body = body(kind, model);
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("subject", subject);
        variables.put("recipientName", recipientName);
        variables.put("why", why);
        variables.put("preferencesUrl", preferencesUrl);
        variables.put("body", body.html());
        String htmlMail = html.process("layout", new Context(null, variables));
        variables.put("body", body.text());
        String textMail = text.process("layout", new Context(null, variables));
        return new Rendered(subject, textMail, htmlMail);
    }

    /**
     * A body is rendered from its kind and model alone (what differs between recipients is in the
     * layout), so the fourteen representatives told of one decision share one rendering of it.
     */
    private Body body(MailKind kind, Map<String, Object> model) {
        Body last = lastBody.get();
        if (last != null && last.kind() == kind && last.model().equals(model)) {
            return last;
        }
        Map<String, Object> snapshot = new HashMap<>(model);
        Body body = new Body(kind, snapshot, html.process(kind.template(), new Context(null, new HashMap<>(snapshot))),
                text.process(kind.template(), new Context(null, new HashMap<>(snapshot))).strip());
        lastBody.set(body);
        return body;
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new SpringTemplateEngine(); // SpEL, as in the web pages
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
