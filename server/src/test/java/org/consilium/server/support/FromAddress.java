package org.consilium.server.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;

/**
 * A form POST sent from a chosen loopback address (127.0.0.x): what another computer looks
 * like to the server, whose listener is on 127.0.0.1. Raw HTTP/1.1 over TLS, one request per
 * connection, because java.net.http cannot choose its source address on Java 17.
 */
public final class FromAddress {

    private final String address;

    public FromAddress(String address) {
        this.address = address;
    }

    public String address() {
        return address;
    }

    /** Signs in through the form's mechanism, as a browser on that computer would post it. */
    public Answer signIn(String username, String password) throws IOException {
        return postForm("/j_security_check", Map.of("j_username", username, "j_password", password));
    }

    public Answer postForm(String path, Map<String, String> fields) throws IOException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body);
    }

    public Answer postJson(String path, String json) throws IOException {
        return post(path, "application/json", json);
    }

    private Answer post(String path, String contentType, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        Socket tcp = new Socket();
        tcp.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        tcp.connect(new InetSocketAddress("127.0.0.1", Ports.HTTPS), 5000);
        tcp.setSoTimeout(30_000);
        try (SSLSocket tls = (SSLSocket) Browserless.trustingSelfSigned().getSocketFactory()
                .createSocket(tcp, "localhost", Ports.HTTPS, true)) {
            OutputStream out = tls.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + Ports.HTTPS + "\r\n"
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return Answer.parse(new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The status, the Location header (empty if none) and the whole answer as text. */
    public record Answer(int status, String location, String text) {

        static Answer parse(String text) {
            int status = Integer.parseInt(text.substring(9, 12));
            String location = text.lines().takeWhile(line -> !line.isEmpty())
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("location:"))
                    .map(line -> line.substring("location:".length()).strip()).findFirst().orElse("");
            return new Answer(status, location, text);
        }

        /** Turned away before the password was tried: sent back to the sign-in page to wait. */
        public boolean throttled() {
            return status == 302 && location.contains("/login.xhtml?throttled=");
        }

        /** The password was refused: the form's error page. */
        public boolean refused() {
            return status == 200 && text.contains("id=\"sign-in-error\"");
        }

        /** Signed in: the mechanism's redirect to where the person was going. */
        public boolean signedIn() {
            return status == 302 && !throttled() && text.toLowerCase(Locale.ROOT).contains("set-cookie: consilium_session=");
        }
    }
}
