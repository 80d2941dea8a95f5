package org.citizendata.collaborative.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A plain blocking HTTP client (keep-alive) for the benchmarks' timed requests: one thread sends
 * and reads, as a browser's connection does. Java's {@code HttpClient}, which the tests use, hands
 * each request between its own threads, which on this machine added several milliseconds of its
 * own to a request (BENCHMARKS.md).
 */
final class BlockingHttp {

    private final String baseUrl;
    private final String authorization;

    BlockingHttp(int port, String userId, String password) {
        this.baseUrl = "http://localhost:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The length of the answer's body; fails unless the answer is 200. */
    int get(String path) {
        return send(open(path, "GET"));
    }

    int post(String path, String json) {
        HttpURLConnection connection = open(path, "POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(connection);
    }

    private HttpURLConnection open(String path, String method) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setRequestProperty("Authorization", authorization);
            connection.setRequestProperty("Accept", "application/json");
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int send(HttpURLConnection connection) {
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new AssertionError(connection.getRequestMethod() + " " + connection.getURL() + " answered " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes().length; // read to the end: the connection is kept for the next request
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
