package org.consilium.audit.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import org.consilium.audit.export.ExportFormatException;
import org.consilium.audit.export.ExportHeader;
import org.consilium.audit.export.ExportReader;

/**
 * {@code java -jar consilium-audit.jar verify --public-key key.pem export.jsonl}: verifies
 * an export offline and says so in words. Exit status: 0 verified, 1 tampered (the export
 * is readable but is not a valid chain), 2 usage error or unreadable input.
 * {@code verify-recording --public-key key.pem BUNDLE} does the same for a recording export
 * ({@link RecordingBundleVerifier}): 0 verified, 1 failed, 2 usage error or no such directory.
 */
public final class Main {

    public static final int VERIFIED = 0;
    public static final int TAMPERED = 1;
    public static final int UNUSABLE = 2;

    private static final String USAGE = """
            usage: java -jar consilium-audit.jar verify --public-key KEY.pem EXPORT.jsonl
                   java -jar consilium-audit.jar verify-recording --public-key KEY.pem BUNDLE

              KEY.pem       the appliance's audit signing public key (PEM "PUBLIC KEY", EC P-256)
              EXPORT.jsonl  an audit export downloaded from the admin console
              BUNDLE        a recording export: the directory unzipped from the download

            exit status: 0 verified, 1 tampered or incomplete, 2 usage error or unreadable input""";

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** The command without {@code System.exit}: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return UNUSABLE;
        }
        if (arguments == null) {
            out.println(USAGE);
            return VERIFIED;
        }
        ECPublicKey key;
        try {
            key = PublicKeyPem.read(arguments.publicKey());
        } catch (NoSuchFileException e) {
            err.println("error: no such public key file: " + arguments.publicKey());
            return UNUSABLE;
        } catch (IOException e) {
            err.println("error: cannot read the public key file " + arguments.publicKey() + ": " + e.getMessage());
            return UNUSABLE;
        } catch (IllegalArgumentException e) {
            err.println("error: " + arguments.publicKey() + ": " + e.getMessage());
            return UNUSABLE;
        }
        if (arguments.command().equals(VERIFY_RECORDING)) {
            return verifyRecording(arguments.export(), key, out, err);
        }
        try (ExportReader export = ExportReader.open(arguments.export())) {
            describe(arguments.export(), export.header(), key, out);
            VerificationReport report = ChainVerifier.verify(export, key);
            print(report, out);
            return report.verified() ? VERIFIED : TAMPERED;
        } catch (NoSuchFileException e) {
            err.println("error: no such export file: " + arguments.export());
        } catch (ExportFormatException e) {
            err.println("error: " + arguments.export() + " is not a readable Consilium audit export: " + e.getMessage());
        } catch (IOException e) {
            err.println("error: cannot read " + arguments.export() + ": " + e.getMessage());
        }
        return UNUSABLE;
    }

    private static int verifyRecording(Path bundle, ECPublicKey key, PrintStream out, PrintStream err) {
        BundleReport report;
        try {
            report = RecordingBundleVerifier.verify(bundle, key);
        } catch (NoSuchFileException e) {
            err.println("error: no such bundle directory: " + bundle);
            return UNUSABLE;
        } catch (NotDirectoryException e) {
            err.println("error: " + bundle + " is not a directory: unzip the recording export and give its directory");
            return UNUSABLE;
        } catch (IOException e) {
            err.println("error: cannot read " + bundle + ": " + e.getMessage());
            return UNUSABLE;
        }
        RecordingReportPrinter.print(bundle, report, key, fingerprint(key), out);
        return report.verified() ? VERIFIED : TAMPERED;
    }

    private static void describe(Path file, ExportHeader header, ECPublicKey key, PrintStream out) {
        out.println("Consilium audit export " + file);
        out.println("  period:      " + header.from() + " to " + header.to() + " (exported " + header.exportedAt()
                + ", as stated in the file's unsigned header)");
        out.println("  public key:  SHA-256 " + fingerprint(key) + " (of its DER encoding)");
    }

    private static void print(VerificationReport report, PrintStream out) {
        out.println("  records:     " + report.recordsChecked() + " sound"
                + (report.recordsChecked() > 0
                        ? ", sequences " + report.firstSequence() + " to " + report.lastSequence() : ""));
        out.println("  checkpoints: " + report.checkpointsChecked() + " sound");
        if (report.failure().isPresent()) {
            ChainFailure failure = report.failure().get();
            out.println("RESULT: FAILED: the export was altered or is incomplete");
            out.println("  first bad sequence: " + failure.sequence());
            out.println("  reason:  " + failure.reason().label() + ": " + failure.reason().meaning());
            out.println("  seen:    " + failure.detail());
            out.println("  Records before sequence " + failure.sequence() + " in this export verified; "
                    + "nothing from it on can be relied upon.");
            return;
        }
        out.println("RESULT: VERIFIED");
        if (report.recordsChecked() == 0) {
            out.println("warning: the export holds no events.");
        } else if (!report.anchored()) {
            out.println("warning: the export starts at sequence " + report.firstSequence()
                    + " without the checkpoint of sequence " + (report.firstSequence() - 1)
                    + ", so its link to earlier records was not checked.");
        }
    }

    static String fingerprint(ECPublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    private static final String VERIFY = "verify";
    private static final String VERIFY_RECORDING = "verify-recording";

    /** {@code verify|verify-recording --public-key KEY FILE}; null for --help. */
    private record Arguments(String command, Path publicKey, Path export) {

        static Arguments parse(String[] args) {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                return null;
            }
            if (args.length == 0 || !(args[0].equals(VERIFY) || args[0].equals(VERIFY_RECORDING))) {
                throw new IllegalArgumentException(args.length == 0 ? "no command given" : "unknown command " + args[0]);
            }
            String key = null;
            String export = null;
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--public-key")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--public-key needs a file name");
                    }
                    key = once(key, args[++i], "--public-key");
                } else if (arg.startsWith("--public-key=")) {
                    key = once(key, arg.substring("--public-key=".length()), "--public-key");
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else {
                    export = once(export, arg, args[0].equals(VERIFY) ? "the export file" : "the bundle directory");
                }
            }
            if (key == null || export == null) {
                throw new IllegalArgumentException(key == null ? "--public-key is required"
                        : args[0].equals(VERIFY) ? "no export file given" : "no bundle directory given");
            }
            try {
                return new Arguments(args[0], Path.of(key), Path.of(export));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a file name: " + e.getInput());
            }
        }

        private static String once(String previous, String value, String what) {
            if (previous != null) {
                throw new IllegalArgumentException(what + " given twice");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }
    }
}
