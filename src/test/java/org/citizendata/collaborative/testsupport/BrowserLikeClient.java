package org.citizendata.collaborative.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A visitor without an account, as a browser would be: it keeps cookies, reads the CSRF token
 * from the page it was given, and posts forms. The client address can be set, as a reverse
 * proxy on the same host would pass it ({@code X-Forwarded-For}).
 */
public final class BrowserLikeClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final String address;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public BrowserLikeClient(int port, String address) {
        this.baseUrl = "http://localhost:" + port;
        this.address = address;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public RestClient.Response get(String path) {
        return send(request(path).GET());
    }

    /** Posts the form with the CSRF token of the page last read at {@code pagePath}. */
    public RestClient.Response submit(String pagePath, Map<String, String> fields) {
        RestClient.Response page = get(pagePath);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("No CSRF token on " + pagePath + " (" + page.status() + "): " + page.body());
        }
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", token.group(1));
        return post(pagePath, withToken);
    }

    /** Posts the form as it is, token or not. */
    public RestClient.Response post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Logs in to a Camunda web application as its login page does; the answer is the login's. */
    public RestClient.Response loginTo(String application, String userId, String password) {
        get("/camunda/app/" + application + "/default/");
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("");
        String body = "username=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(request("/camunda/api/admin/auth/user/default/login/" + application)
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("X-Forwarded-For", address);
    }

    private RestClient.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RestClient.Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
