package org.consilium.hsm.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.Token;

/**
 * Streaming envelope encryption and decryption of one large object, in memory (no disk),
 * against the SoftHSM2 test token; plus JDK AES-256-GCM alone over the same chunks as the
 * ceiling, and small objects per second (where the token's wrap/unwrap dominates).
 *
 * <pre>mvn -q -pl hsm -Pbenchmark test-compile exec:exec -Dmegabytes=256 -DchunkKiB=64 -Drounds=3</pre>
 */
public final class EnvelopeThroughput {

    private static final int MIB = 1 << 20;

    private EnvelopeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = Integer.getInteger("megabytes", 256);
        int chunkSize = Integer.getInteger("chunkKiB", 64) * 1024;
        int rounds = Integer.getInteger("rounds", 3);
        long size = (long) megabytes * MIB;

        byte[] block = new byte[MIB];
        new SecureRandom().nextBytes(block);
        byte[] sealed = new byte[Math.toIntExact(Envelopes.envelopeLength(size, chunkSize))];

        try (Token token = SoftHsm.login(); KeyService keys = KeyService.open(token, SoftHsm.freshLabels())) {
            Envelopes envelopes = keys.envelopes().withChunkSize(chunkSize);
            System.out.printf("envelope throughput: %d MiB, chunks of %d KiB, %d rounds after 1 warm-up, %s %s, %d cores%n",
                    megabytes, chunkSize / 1024, rounds, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            double[] encrypt = new double[rounds];
            double[] decrypt = new double[rounds];
            double[] gcmOnly = new double[rounds];
            for (int round = -1; round < rounds; round++) {
                long t0 = System.nanoTime();
                try (OutputStream out = envelopes.encryptingTo(new ArraySink(sealed))) {
                    for (int i = 0; i < megabytes; i++) {
                        out.write(block);
                    }
                }
                long t1 = System.nanoTime();
                long read = 0;
                try (InputStream in = envelopes.decryptingFrom(new ByteArrayInputStream(sealed))) {
                    byte[] buffer = new byte[MIB];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        read += n;
                    }
                }
                long t2 = System.nanoTime();
                if (read != size) {
                    throw new IllegalStateException("decrypted " + read + " bytes of " + size);
                }
                double gcm = jdkGcmOnly(block, megabytes, chunkSize);
                if (round >= 0) {
                    encrypt[round] = mibPerSecond(size, t1 - t0);
                    decrypt[round] = mibPerSecond(size, t2 - t1);
                    gcmOnly[round] = gcm;
                    System.out.printf("  round %d: encrypt %7.1f MiB/s   decrypt %7.1f MiB/s   (JDK AES-GCM alone %7.1f MiB/s)%n",
                            round + 1, encrypt[round], decrypt[round], gcmOnly[round]);
                }
            }
            System.out.printf("median: encrypt %.1f MiB/s, decrypt %.1f MiB/s, JDK AES-GCM alone %.1f MiB/s%n",
                    median(encrypt), median(decrypt), median(gcmOnly));
            smallObjects(envelopes);
        }
    }

    /** 1 KiB objects: each costs a wrap (encrypt) or unwrap (decrypt) in the token. */
    private static void smallObjects(Envelopes envelopes) throws Exception {
        byte[] small = new byte[1024];
        int count = 2000;
        byte[][] envelopesOut = new byte[count][];
        for (int i = 0; i < 200; i++) {
            envelopes.decrypt(envelopes.encrypt(small)); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            envelopesOut[i] = envelopes.encrypt(small);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            envelopes.decrypt(envelopesOut[i]);
        }
        long t2 = System.nanoTime();
        System.out.printf("1 KiB objects: encrypt %.0f/s (%.0f us each), decrypt %.0f/s (%.0f us each)%n",
                count / ((t1 - t0) / 1e9), (t1 - t0) / 1e3 / count, count / ((t2 - t1) / 1e9), (t2 - t1) / 1e3 / count);
    }

    /** The ceiling: SunJCE AES-256-GCM over the same chunks, no streams, no token. */
    private static double jdkGcmOnly(byte[] block, int megabytes, int chunkSize) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
        byte[] out = new byte[chunkSize + 16];
        byte[] nonce = new byte[12];
        long t0 = System.nanoTime();
        long counter = 0;
        for (int i = 0; i < megabytes; i++) {
            for (int off = 0; off < MIB; off += chunkSize) {
                nonce[11] = (byte) counter;
                nonce[10] = (byte) (counter++ >>> 8);
                nonce[9] = (byte) (counter >>> 16);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.doFinal(block, off, Math.min(chunkSize, MIB - off), out, 0);
            }
        }
        return mibPerSecond((long) megabytes * MIB, System.nanoTime() - t0);
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / (double) MIB / (nanos / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Writes into a preallocated array: no copying or growing inside the measurement. */
    private static final class ArraySink extends OutputStream {
        private final byte[] target;
        private int position;

        ArraySink(byte[] target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, target, position, len);
            position += len;
        }
    }
}
