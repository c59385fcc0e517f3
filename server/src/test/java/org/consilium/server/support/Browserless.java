package org.consilium.server.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One person's HTTPS conversation with the server: a cookie jar, no automatic redirects
 * (tests assert on them), and trust in the server's self-signed certificate.
 */
public final class Browserless {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final String base;

    public Browserless() {
        this("https://localhost:" + Ports.HTTPS);
    }

    public Browserless(String base) {
        this(base, null);
    }

    /** A browser that presents a client certificate when the server asks, as {@code keyManager} chooses. */
    public Browserless(KeyManager keyManager) {
        this("https://localhost:" + Ports.HTTPS, keyManager);
    }

    private Browserless(String base, KeyManager keyManager) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .sslContext(trustingSelfSigned(keyManager))
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** GET of a body that is not text (an export, an image). */
    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return getBytes(path, Map.of());
    }

    /** As {@link #getBytes(String)}, with these request headers (a Range, say). */
    public HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET, following same-site redirects as a browser would (at most five). */
    public HttpResponse<String> browse(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3; hops++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            response = send(HttpRequest.newBuilder(resolve(location)).timeout(Duration.ofSeconds(30)).GET().build());
        }
        return response;
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A form POST with extra headers (e.g. the {@code Origin} a browser sends). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** This server's origin, as a browser names it in {@code Origin}. */
    public String origin() {
        return base;
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A JSON POST with extra headers (e.g. the {@code Origin} a browser on some site sends). */
    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> put(String path) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** Signs in through the sign-in form, as a person would: ask for a page, get the form, post it. */
    public HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
        get("/");
        HttpResponse<String> posted = postForm("/j_security_check", Map.of("j_username", username, "j_password", password));
        return posted.statusCode() / 100 == 3 ? browse(posted.headers().firstValue("Location").orElseThrow()) : posted;
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30));
    }

    /** A path on this server, or an absolute URL (as in a Location header). */
    private URI resolve(String pathOrUrl) {
        return URI.create(base + "/").resolve(pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Test-only: the server's certificate is generated at first start, so there is nothing to pin in advance. */
    public static SSLContext trustingSelfSigned() {
        return trustingSelfSigned(null);
    }

    /** The same, presenting a client certificate as {@code keyManager} chooses (a smart card). */
    public static SSLContext trustingSelfSigned(KeyManager keyManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManager == null ? null : new KeyManager[] {keyManager}, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
