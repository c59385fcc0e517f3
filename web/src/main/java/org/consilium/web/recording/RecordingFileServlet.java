package org.consilium.web.recording;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;
import org.consilium.application.recording.RecordingExport;
import org.consilium.application.recording.RecordingLibrary;
import org.consilium.application.recording.RecordingNotFound;
import org.consilium.application.recording.RecordingStorage;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;

/**
 * {@code GET /recordings/<recording id>/export.zip}: the recording's signed export bundle.
 * {@code GET /recordings/<recording id>/<file>}: one file of a recording, a WebM, decrypted
 * chunk by chunk as it is sent, by byte range so the browser's player can seek. The room's
 * owner and hosts only; every request is audited with its range ({@link RecordingLibrary}).
 * Never cached, never sniffed into something else, never framed.
 */
@WebServlet("/recordings/*")
public class RecordingFileServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(RecordingFileServlet.class.getName());

    @Inject
    RecordingLibrary library;

    @Inject
    RecordingExport export;

    @Inject
    CurrentStaff currentStaff;

    /** The last path segment that asks for the export bundle (never a file's name: those end in .csev). */
    static final String EXPORT = "export.zip";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = request.getPathInfo() == null ? new String[0] : request.getPathInfo().split("/", -1);
        Optional<RecordingId> id = path.length == 3 ? recordingId(path[1]) : Optional.empty();
        Optional<Caller> caller = currentStaff.get().map(who -> new Caller(who, request.getRemoteAddr()));
        if (caller.isEmpty()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (id.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such recording.");
            return;
        }
        if (EXPORT.equals(path[2])) {
            export(caller.get(), id.get(), response);
            return;
        }
        String rangeHeader = request.getHeader("Range");
        try (RecordingStorage.PlaintextFile file = library.play(caller.get(), id.get(), path[2],
                rangeHeader == null ? "all" : abbreviated(rangeHeader))) {
            send(file, path[2].endsWith(".jsonl.csev"), ByteRange.parse(rangeHeader, file.length()), response);
        } catch (RecordingNotFound notFound) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, notFound.getMessage());
        } catch (IOException | RuntimeException failed) {
            if (!response.isCommitted()) {
                LOG.log(Level.WARNING, "A recording's file could not be sent: {0}", failed.getClass().getName());
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "The recording cannot be read.");
            }
            // else the player lost interest mid-file (a seek): nothing to tell anyone
        }
    }

    /** The recording's export bundle, a zip ({@link RecordingExport}): authorized and audited before a byte goes. */
    private void export(Caller caller, RecordingId id, HttpServletResponse response) throws IOException {
        RecordingRepository.Stored recording;
        try {
            recording = export.authorize(caller, id);
        } catch (RecordingNotFound.StillRunning running) {
            response.sendError(HttpServletResponse.SC_CONFLICT, running.getMessage());
            return;
        } catch (RecordingNotFound notFound) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, notFound.getMessage());
            return;
        }
        response.setContentType("application/zip");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + RecordingExport.folder(id) + ".zip\"");
        try {
            export.write(caller, recording, response.getOutputStream());
        } catch (org.consilium.application.recording.RecordingTampered tampered) {
            LOG.log(Level.WARNING, "Recording {0} was not exported: it no longer matches its signed manifest", id);
            response.reset(); // the sentence itself, not the generic error page: whoever exports must know why
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            response.setContentType("text/plain; charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getOutputStream().write(tampered.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException failed) {
            // once bytes are out, a broken zip is what the client sees; the log says why
            LOG.log(Level.WARNING, "A recording's export failed: {0}", failed.getClass().getName());
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "The recording cannot be exported.");
            }
        }
    }

    /** A file of the recording: WebM media, or a participant's chat (JSON Lines, never rendered as a page). */
    private static void send(RecordingStorage.PlaintextFile file, boolean chat, Optional<ByteRange> range,
                             HttpServletResponse response) throws IOException {
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", chat ? "attachment; filename=\"chat.jsonl\""
                : "inline; filename=\"recording.webm\"");
        if (range.isPresent() && range.get() == ByteRange.UNSATISFIABLE) {
            response.setHeader("Content-Range", "bytes */" + file.length());
            response.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            return;
        }
        ByteRange sent = range.orElse(new ByteRange(0, file.length() - 1));
        response.setContentType(chat ? "application/jsonl; charset=UTF-8" : "video/webm");
        if (range.isPresent()) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + sent + "/" + file.length());
        }
        response.setContentLengthLong(Math.max(0, sent.count()));
        if (sent.count() <= 0) {
            return;
        }
        try (InputStream in = file.range(sent.first(), sent.count())) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }

    private static Optional<RecordingId> recordingId(String text) {
        try {
            return Optional.of(new RecordingId(UUID.fromString(text)));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static String abbreviated(String header) {
        String printable = header.replaceAll("[^\\p{Print}]", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
    }
}
