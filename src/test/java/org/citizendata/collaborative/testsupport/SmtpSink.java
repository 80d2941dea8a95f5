package org.citizendata.collaborative.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server for the benchmarks that answers like a mail relay and throws the mail away: the
 * application still renders, encodes and hands over every mail over SMTP, but the benchmark's JVM
 * no longer parses and keeps thousands of messages as GreenMail does for the tests that read them
 * (in production the relay runs elsewhere). {@link #received()} counts what was handed over.
 */
public final class SmtpSink {

    private static ServerSocket server;
    private static final AtomicLong RECEIVED = new AtomicLong();
    private static final AtomicLong CPU_NANOS = new AtomicLong();

    private SmtpSink() {
    }

    public static synchronized int port() {
        if (server == null) {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(SmtpSink::accept, "smtp-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return server.getLocalPort();
    }

    /** CPU time the sink's sessions used, counted after each mail and at each session's end. */
    public static long cpuNanos() {
        return CPU_NANOS.get();
    }

    /** Mails handed over since the sink started. */
    public static long received() {
        return RECEIVED.get();
    }

    private static void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        CpuClock clock = new CpuClock();
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sink");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message is not kept
                        }
                        RECEIVED.incrementAndGet();
                        reply(out, "250 accepted");
                        clock.count();
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok"); // MAIL, RCPT, RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            clock.count();
        }
    }

    /** This session thread's CPU time, added to the sink's as it goes. */
    private static final class CpuClock {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private long counted = threads.getCurrentThreadCpuTime();

        void count() {
            long now = threads.getCurrentThreadCpuTime();
            CPU_NANOS.addAndGet(now - counted);
            counted = now;
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
