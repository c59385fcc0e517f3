package org.consilium.application.call;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.conference.MediaSource;

/** The server's messages (docs/signaling.md), built in one place so their shapes stay the documented ones. */
public final class CallMessages {

    private CallMessages() {
    }

    static JsonObject lobby(String roomName) {
        return type("lobby").add("room", roomName).build();
    }

    static JsonObject lobbyQueue(Collection<CallMember> waiting) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (CallMember member : waiting) {
            list.add(Json.createObjectBuilder().add("id", member.id()).add("name", member.displayName())
                    .add("kind", member.role() == CallMember.Role.GUEST ? "guest" : "staff"));
        }
        return type("lobby-queue").add("waiting", list).build();
    }

    /**
     * @param resume the secret this tab takes its place back with after a drop, and {@code resumeWithin}
     *               how long the place is kept (docs/signaling.md, "Reconnecting")
     */
    static JsonObject joined(CallMember you, Collection<CallMember> present, String roomName, boolean locked,
                             String resume, java.time.Duration resumeWithin, boolean mediaKept) {
        return joined(you, present, roomName, locked, null, resume, resumeWithin, mediaKept, false, member -> null);
    }

    /**
     * @param recordingAllowed whether {@code you} may start and stop recordings
     * @param recording what the participant list says of each member's recording (null: nothing is recorded)
     * @param visitSince when the visit going on started (the call's timer), null when none does
     */
    static JsonObject joined(CallMember you, Collection<CallMember> present, String roomName, boolean locked,
                             Instant visitSince, String resume, java.time.Duration resumeWithin, boolean mediaKept,
                             boolean recordingAllowed, Function<CallMember, String> recording) {
        JsonObjectBuilder room = Json.createObjectBuilder().add("name", roomName).add("locked", locked);
        if (visitSince != null) {
            room.add("since", visitSince.toString());
        }
        return type("joined").add("you", member(you, recording)).add("participants", members(present, recording))
                .add("room", room)
                .add("resume", resume).add("resumeWithinSeconds", resumeWithin.toSeconds())
                .add("media", mediaKept ? "kept" : "new").add("recordingAllowed", recordingAllowed).build();
    }

    static JsonObject participants(Collection<CallMember> present, boolean locked) {
        return participants(present, locked, member -> null);
    }

    static JsonObject participants(Collection<CallMember> present, boolean locked,
                                   Function<CallMember, String> recording) {
        return type("participants").add("participants", members(present, recording)).add("locked", locked).build();
    }

    /**
     * A recording runs: who started it, since when, the notice to answer, and {@code you}:
     * {@code asked}, {@code consented} or {@code declined} (docs/signaling.md, "Recording").
     */
    static JsonObject recording(String startedBy, Instant since, RecordingNotice notice, String you) {
        return type("recording").add("active", true).add("startedBy", startedBy).add("since", since.toString())
                .add("notice", Json.createObjectBuilder().add("version", notice.version()).add("text", notice.text()))
                .add("you", you).build();
    }

    /** The recording stopped; {@code reason} says why when no host stopped it (null otherwise). */
    static JsonObject recordingStopped(String reason) {
        JsonObjectBuilder message = type("recording").add("active", false);
        if (reason != null) {
            message.add("reason", reason);
        }
        return message.build();
    }

    static JsonObject denied(String reason) {
        return type("denied").add("reason", reason).build();
    }

    public static JsonObject answer(String sdp) {
        return type("answer").add("sdp", sdp).build();
    }

    static JsonObject renegotiate(Map<MediaSource.Kind, Integer> slots) {
        return type("renegotiate").add("receiveSlots", Json.createObjectBuilder()
                .add("audio", slots.getOrDefault(MediaSource.Kind.AUDIO, 0))
                .add("video", slots.getOrDefault(MediaSource.Kind.VIDEO, 0))).build();
    }

    static JsonObject muteRequested(String by) {
        return type("mute-requested").add("by", by).build();
    }

    static JsonObject chat(CallMember from, String text, Instant at) {
        return type("chat").add("from", Json.createObjectBuilder().add("id", from.id()).add("name", from.displayName()))
                .add("text", text).add("at", at.toString()).build();
    }

    static JsonObject ended(String type, String reason) {
        return type(type).add("reason", reason).build();
    }

    /** What a receiver is forwarded: per source forwarded at a height, or paused for a reason. */
    static JsonObject mediaAllocation(Allocation allocation) {
        JsonObjectBuilder sources = Json.createObjectBuilder();
        new java.util.TreeMap<>(allocation.sources()).forEach((name, source) -> sources.add(name, source.isForwarded()
                ? Json.createObjectBuilder().add("state", "forwarded").add("height", source.height())
                : Json.createObjectBuilder().add("state", "paused").add("reason", source.reason().wireName())));
        return type("media-allocation").add("estimateBps", allocation.estimateBps()).add("sources", sources).build();
    }

    /** Which simulcast layers (by rid) of the publisher's section {@code mid} somebody watches. */
    static JsonObject publishLayers(String mid, Map<String, Boolean> active) {
        JsonObjectBuilder layers = Json.createObjectBuilder();
        new java.util.TreeMap<>(active).forEach(layers::add);
        return type("publish-layers").add("mid", mid).add("active", layers).build();
    }

    public static JsonObject error(String code, String message) {
        return type("error").add("code", code).add("message", message).build();
    }

    private static JsonArrayBuilder members(Collection<CallMember> present, Function<CallMember, String> recording) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        present.forEach(member -> list.add(member(member, recording)));
        return list;
    }

    private static JsonObjectBuilder member(CallMember member, Function<CallMember, String> recording) {
        JsonObjectBuilder json = member(member);
        String recorded = recording.apply(member);
        if (recorded != null) {
            json.add("recording", recorded);
        }
        return json;
    }

    private static JsonObjectBuilder member(CallMember member) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", member.id()).add("name", member.displayName())
                .add("role", member.role().code()).add("audioMuted", member.audioMuted())
                .add("videoMuted", member.videoMuted()).add("screenSharing", member.screenSharing());
        member.screenSource().ifPresent(source -> json.add("screenSource", source));
        member.handRaisedAt().ifPresent(at -> json.add("handRaisedAt", at.toString()));
        member.identityChecked().ifPresent(method -> json.add("identityChecked", method.code()));
        if (member.reconnecting()) {
            json.add("reconnecting", true);
        }
        return json;
    }

    private static JsonObjectBuilder type(String type) {
        return Json.createObjectBuilder().add("type", type);
    }
}
