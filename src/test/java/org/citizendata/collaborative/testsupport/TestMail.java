package org.citizendata.collaborative.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/** One SMTP server (GreenMail) for the test run, on a fixed port so that it can go down and come back. */
public final class TestMail {

    private static int port;
    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized int port() {
        if (server == null) {
            port = freePort();
            start();
        }
        return port;
    }

    /** Starts the server unless it runs. */
    public static synchronized void start() {
        if (server != null && server.isRunning()) {
            return;
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The mail server goes away: connections are refused until {@link #start()}. */
    public static synchronized void stop() {
        server.stop();
    }

    public static synchronized List<MimeMessage> received() {
        return Arrays.asList(server.getReceivedMessages());
    }

    public static synchronized void purge() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
