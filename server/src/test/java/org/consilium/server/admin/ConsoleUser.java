package org.consilium.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.TestDatabase;

/** One person using the console over HTTP: signs in, enrols or gives codes, posts Faces forms as a browser does. */
public final class ConsoleUser {

    static final String PASSWORD = "consilium-demo";

    final String username;
    public Browserless http = new Browserless();
    public TestTotp app;

    public ConsoleUser(String username) {
        this.username = username;
    }

    /** Removes the person's second factor straight in the database (a clean start for each test). */
    public static void forgetSecondFactor(String username) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement delete = db.prepareStatement("delete from staff_second_factor where username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate();
        }
    }

    /**
     * A session of {@code username} (auditor or administrator) that gave a second factor in the
     * console, enrolled afresh: what the audit API asks for.
     */
    public static Browserless verifiedSession(String username) throws Exception {
        forgetSecondFactor(username);
        return new ConsoleUser(username).enrolled().http;
    }

    public ConsoleUser signIn() throws Exception {
        http = new Browserless();
        assertEquals(200, http.signIn(username, PASSWORD).statusCode());
        return this;
    }

    /** From a fresh sign-in: asks for a console page, is sent to enrolment, adds the key to the "app", confirms. */
    HttpResponse<String> enrol(String firstPage) throws Exception {
        HttpResponse<String> asked = http.get(firstPage);
        assertEquals(302, asked.statusCode(), "a console page before the second factor redirects");
        assertTrue(location(asked).endsWith("/admin/enrol.xhtml"), location(asked));
        HttpResponse<String> page = http.get("/admin/enrol.xhtml");
        assertEquals(200, page.statusCode());
        app = new TestTotp(text(page.body(), "totp-secret"));
        return submitCode("/admin/enrol.xhtml", page.body(), app.freshCode());
    }

    /** Enrols and lands on the console (first page: the dashboard). */
    public ConsoleUser enrolled() throws Exception {
        signIn();
        HttpResponse<String> confirmed = enrol("/admin/");
        assertEquals(302, confirmed.statusCode(), confirmed.body());
        return this;
    }

    /** From a fresh sign-in of an enrolled person: the verification page with this code. */
    public HttpResponse<String> verify(String code) throws Exception {
        HttpResponse<String> page = http.get("/admin/verify.xhtml");
        assertEquals(200, page.statusCode(), page.body());
        return submitCode("/admin/verify.xhtml", page.body(), code);
    }

    HttpResponse<String> submitCode(String path, String html, String code) throws Exception {
        return postFaces(path, html, "second-factor", Map.of("second-factor:code", code), "second-factor:submit");
    }

    /** After a test that drains the test server: it takes new calls again (a failed test must not leave it drained). */
    public static void takeNewCallsAgain(String admin) throws Exception {
        Browserless session = verifiedSession(admin);
        if (session.get("/admin/").body().contains("id=\"drain:resume\"")) {
            press(session, "/admin/", "drain", "drain:resume");
        }
    }

    /** The dashboard's row for cluster member {@code node} (from the bridge registry), if it lists one. */
    public static java.util.Optional<jakarta.json.JsonObject> clusterMember(Browserless admin, String node) throws Exception {
        jakarta.json.JsonArray members = jakarta.json.Json.createReader(new java.io.StringReader(
                admin.get("/admin/dashboard.json").body())).readObject().getJsonObject("node").getJsonArray("members");
        return members.stream().map(jakarta.json.JsonObject.class::cast)
                .filter(row -> node.equals(row.getString("name"))).findFirst();
    }

    /**
     * Fetches the console page {@code path} in {@code session} and presses {@code button} of its
     * Faces form {@code formId}, from the server's origin; returns the page the post leads to.
     */
    public static HttpResponse<String> press(Browserless session, String path, String formId, String button)
            throws Exception {
        HttpResponse<String> page = session.get(path);
        assertEquals(200, page.statusCode(), path);
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        form.put(button, "submit");
        form.put("jakarta.faces.ViewState", viewState(page.body(), formId));
        HttpResponse<String> posted = session.postForm(formAction(page.body(), formId, path), form,
                Map.of("Origin", session.origin()));
        return posted.statusCode() == 302 ? session.get(location(posted).replaceFirst("^https://[^/]+", "")) : posted;
    }

    /**
     * Fetches the console page {@code path} in {@code session}, fills {@code fields} of its Faces
     * form {@code formId} and presses {@code button}, from the server's origin; returns the answer.
     */
    public static HttpResponse<String> submit(Browserless session, String path, String formId, Map<String, String> fields,
                                              String button) throws Exception {
        HttpResponse<String> page = session.get(path);
        assertEquals(200, page.statusCode(), path);
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        form.putAll(fields);
        form.put(button, "submit");
        form.put("jakarta.faces.ViewState", viewState(page.body(), formId));
        return session.postForm(formAction(page.body(), formId, path), form, Map.of("Origin", session.origin()));
    }

    /** Posts the Faces form {@code formId} of {@code html} (as fetched from {@code path}) from this server's origin. */
    public HttpResponse<String> postFaces(String path, String html, String formId, Map<String, String> fields,
                                          String button) throws Exception {
        return postFaces(path, html, formId, fields, button, Map.of("Origin", http.origin()));
    }

    HttpResponse<String> postFaces(String path, String html, String formId, Map<String, String> fields, String button,
                                   Map<String, String> headers) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        form.putAll(fields);
        form.put(button, "submit");
        form.put("jakarta.faces.ViewState", viewState(html, formId));
        return http.postForm(formAction(html, formId, path), form, headers);
    }

    static String viewState(String html, String formId) {
        Matcher form = Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\".*?</form>", Pattern.DOTALL).matcher(html);
        assertTrue(form.find(), "no form #" + formId + " in " + html);
        Matcher input = Pattern.compile("<input[^>]*name=\"jakarta.faces.ViewState\"[^>]*>").matcher(form.group());
        assertTrue(input.find(), "no view state in form #" + formId);
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
        assertTrue(value.find());
        return unescape(value.group(1));
    }

    static String formAction(String html, String formId, String fallback) {
        Matcher form = Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\"[^>]*action=\"([^\"]*)\"").matcher(html);
        return form.find() ? unescape(form.group(1)) : fallback;
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** Text of the element with this id (tags stripped, whitespace collapsed, entities undone). */
    public static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</(?:span|dd|div|p|code|h1|a|strong|td)>",
                Pattern.DOTALL).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in " + html);
        }
        return unescape(m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
    }

    public static String attribute(String html, String id, String attribute) {
        Matcher m = Pattern.compile("<[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in " + html);
        }
        Matcher value = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(m.group());
        if (!value.find()) {
            throw new AssertionError("#" + id + " has no " + attribute);
        }
        return unescape(value.group(1));
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
