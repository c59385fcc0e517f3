package org.consilium.audit.export;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;

/** The three line types and their members, both ways; the one place the names are spelled. */
final class ExportLines {

    static final String EVENT = "event";
    static final String CHECKPOINT = "checkpoint";

    private static final Set<String> HEADER_MEMBERS = Set.of("type", "version", "from", "to", "exportedAt");
    private static final Set<String> EVENT_MEMBERS = Set.of("type", "sequence", "occurredAt", "actor",
            "actorRoles", "clientAddress", "action", "target", "outcome", "details", "previousHash", "hash");
    private static final Set<String> CHECKPOINT_MEMBERS = Set.of("type", "sequence", "createdAt", "chainHash",
            "keyId", "signature");

    private static final HexFormat HEX = HexFormat.of();

    private ExportLines() {
    }

    static void header(ExportHeader header, StringBuilder out) {
        new JsonObjectWriter(out)
                .string("type", ExportHeader.TYPE)
                .integer("version", ExportHeader.VERSION)
                .string("from", header.from().toString())
                .string("to", header.to().toString())
                .string("exportedAt", header.exportedAt().toString())
                .end();
    }

    static void event(AuditRecord record, StringBuilder out) {
        new JsonObjectWriter(out)
                .string("type", EVENT)
                .integer("sequence", record.sequence())
                .string("occurredAt", record.occurredAt().toString())
                .string("actor", record.actor())
                .stringArray("actorRoles", record.actorRoles())
                .string("clientAddress", record.clientAddress())
                .string("action", record.action())
                .string("target", record.target())
                .string("outcome", record.outcome())
                .stringObject("details", record.details())
                .string("previousHash", HEX.formatHex(record.previousHash()))
                .string("hash", HEX.formatHex(record.hash()))
                .end();
    }

    static void checkpoint(Checkpoint checkpoint, StringBuilder out) {
        new JsonObjectWriter(out)
                .string("type", CHECKPOINT)
                .integer("sequence", checkpoint.sequence())
                .string("createdAt", checkpoint.createdAt().toString())
                .string("chainHash", HEX.formatHex(checkpoint.chainHash()))
                .string("keyId", checkpoint.keyId())
                .string("signature", Base64.getEncoder().encodeToString(checkpoint.signature()))
                .end();
    }

    static ExportHeader parseHeader(String line) {
        FlatJsonObject json = JsonLineParser.parse(line);
        if (!ExportHeader.TYPE.equals(json.nullableString("type"))) {
            throw new MalformedLineException("not a Consilium audit export (the first line's \"type\" must be \""
                    + ExportHeader.TYPE + "\")");
        }
        long version = json.integer("version");
        if (version != ExportHeader.VERSION) {
            throw new MalformedLineException("export format version " + version + " is not supported (this verifier reads version "
                    + ExportHeader.VERSION + ")");
        }
        json.requireOnly(HEADER_MEMBERS);
        return shaped(() -> new ExportHeader(json.instant("from"), json.instant("to"), json.instant("exportedAt")));
    }

    static ChainEntry parseEntry(String line) {
        FlatJsonObject json = JsonLineParser.parse(line);
        String type = json.string("type");
        return switch (type) {
            case EVENT -> event(json);
            case CHECKPOINT -> checkpoint(json);
            default -> throw new MalformedLineException("unknown line type \"" + type + "\"");
        };
    }

    private static AuditRecord event(FlatJsonObject json) {
        json.requireOnly(EVENT_MEMBERS);
        return shaped(() -> new AuditRecord(
                json.integer("sequence"),
                json.instant("occurredAt"),
                json.string("actor"),
                json.stringArray("actorRoles"),
                json.nullableString("clientAddress"),
                json.string("action"),
                json.nullableString("target"),
                json.string("outcome"),
                new TreeMap<>(json.stringObject("details")),
                json.hex("previousHash"),
                json.hex("hash")));
    }

    private static Checkpoint checkpoint(FlatJsonObject json) {
        json.requireOnly(CHECKPOINT_MEMBERS);
        return shaped(() -> new Checkpoint(
                json.integer("sequence"),
                json.instant("createdAt"),
                json.hex("chainHash"),
                json.string("keyId"),
                json.base64("signature")));
    }

    /** A value the constructors refuse (a blank action, a 31-byte hash) is a malformed line too. */
    private static <T> T shaped(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException(e.getMessage());
        }
    }
}
