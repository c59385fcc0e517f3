package org.consilium.infrastructure.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallSnapshot;

/**
 * A call's copy as the replicated cache {@code calls} holds it: JSON with a format version
 * (as {@link BridgeLoadCodec}), so two releases in a rolling upgrade skip what they cannot read.
 * A copy that is not one of ours, or too large, reads as none: nobody is taken over from it.
 */
final class CallSnapshotCodec {

    static final int VERSION = 1;
    /** 40 people with long names and several roles fit in a fraction of this. */
    static final int MAX_LENGTH = 256 * 1024;

    private CallSnapshotCodec() {
    }

    static String encode(CallSnapshot call) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (CallSnapshot.Member member : call.members()) {
            JsonArrayBuilder roles = Json.createArrayBuilder();
            member.roles().forEach(roles::add);
            members.add(Json.createObjectBuilder()
                    .add("id", member.id())
                    .add("principal", member.principal())
                    .add("staff", member.staff())
                    .add("name", member.displayName())
                    .add("role", member.role().code())
                    .add("roles", roles)
                    .add("resume", member.resumeHash())
                    .add("audioMuted", member.audioMuted())
                    .add("videoMuted", member.videoMuted()));
        }
        return Json.createObjectBuilder()
                .add("v", VERSION)
                .add("room", call.roomId())
                .add("owner", call.owner())
                .add("visit", call.visitId())
                .add("visitStarted", call.visitStarted().toString())
                .add("locked", call.locked())
                .add("members", members)
                .build().toString();
    }

    static Optional<CallSnapshot> decode(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            if (json.getInt("v", -1) != VERSION) {
                return Optional.empty();
            }
            List<CallSnapshot.Member> members = new ArrayList<>();
            for (JsonValue value : json.getJsonArray("members")) {
                JsonObject member = value.asJsonObject();
                members.add(new CallSnapshot.Member(member.getString("id"), member.getString("principal"),
                        member.getBoolean("staff"), member.getString("name"),
                        CallMember.Role.valueOf(member.getString("role").toUpperCase(Locale.ROOT)),
                        member.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString).toList(),
                        member.getString("resume"), member.getBoolean("audioMuted"), member.getBoolean("videoMuted")));
            }
            return Optional.of(new CallSnapshot(json.getString("room"), json.getString("owner"),
                    json.getString("visit"), Instant.parse(json.getString("visitStarted")),
                    json.getBoolean("locked"), members));
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException
                 | DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
