package org.consilium.infrastructure.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.consilium.application.admin.OperatingSystemSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFilesTest {

    @TempDir
    Path dir;

    private SettingsFiles files() {
        return new SettingsFiles() {
            @Override
            Path directory() {
                return dir;
            }
        };
    }

    @Test
    void aRequestIsWrittenWholeAndItsAnswerIsMatchedById() throws Exception {
        SettingsFiles files = files();
        String id = files.request(List.of("ntp1.example", "10.0.0.5"), Optional.of("siem.example"), 6514);
        assertEquals("request_id=" + id + "\nntp_servers=ntp1.example,10.0.0.5\nsiem_host=siem.example\nsiem_port=6514\n",
                Files.readString(dir.resolve("requested.conf")));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
        assertFalse(files.status().answered());

        Files.writeString(dir.resolve("applied.conf"), "request_id=" + id + "\nresult=applied\nmessage=done\n"
                + "at=2026-11-22T10:00:00Z\n");
        OperatingSystemSettings.Status status = files.status();
        assertTrue(status.answered());
        assertEquals(OperatingSystemSettings.Answer.Result.APPLIED, status.answer().orElseThrow().result());

        String next = files.request(List.of(), Optional.empty(), 6514);
        assertTrue(Files.readString(dir.resolve("requested.conf")).contains("siem_host=\n"));
        assertFalse(files.status().answered(), "the answer was to the earlier request " + next);
    }

    @Test
    void anAnswerThatIsALinkOrGarbageIsNoAnswer() throws Exception {
        SettingsFiles files = files();
        String id = files.request(List.of(), Optional.empty(), 6514);
        Path elsewhere = Files.writeString(dir.resolveSibling(dir.getFileName() + "-elsewhere"),
                "request_id=" + id + "\nresult=applied\n");
        Files.createSymbolicLink(dir.resolve("applied.conf"), elsewhere);
        assertFalse(files.status().answered());
        Files.delete(dir.resolve("applied.conf"));
        Files.write(dir.resolve("applied.conf"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertFalse(files.status().answered());
        Files.delete(elsewhere);
    }
}
