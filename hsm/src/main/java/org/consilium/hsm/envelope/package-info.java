/**
 * Envelope encryption of recordings and files. Each object gets a fresh random AES-256
 * data key; the object is cut into fixed-size chunks, each sealed with AES-256-GCM under
 * that key; the data key itself is encrypted inside the token under the current
 * key-encryption key and stored in the object's header.
 *
 * <pre>
 * header (85 bytes)
 *   0   4  magic "CSEV"
 *   4   1  format version (1)
 *   5   4  chunk size: plaintext bytes per chunk, big-endian (16 B .. 16 MiB)
 *   9  12  nonce salt (random per object)
 *  21   4  KEK version, big-endian (label consilium-kek-v&lt;n&gt;)
 *  25  12  wrap nonce (random)
 *  37  48  wrapped data key: AES-256-GCM in the token under the KEK,
 *          AAD = header bytes 0..24; 32 bytes ciphertext + 16 bytes tag
 * chunks, i = 0, 1, …
 *   AES-256-GCM under the data key, nonce = salt XOR (0^32 || i as 64-bit big-endian),
 *   AAD = header bytes 0..20 || i (8 bytes, big-endian) || final flag (1 byte: 1 on the last chunk);
 *   every chunk but the last holds exactly chunk-size plaintext bytes; the last holds 0..chunk size
 *   (0 only for empty input); each is ciphertext followed by its 16-byte tag.
 * </pre>
 *
 * <p>Chunks authenticate the object part of the header (bytes 0..20) but not the KEK
 * version and wrapped key, which the wrap's own tag authenticates together with the object
 * part. So {@link org.consilium.hsm.envelope.Envelopes#rewrap} can move an object to a new
 * KEK version by replacing 64 header bytes, without re-encrypting the chunks.
 *
 * <p>Reading: {@link org.consilium.hsm.envelope.Envelopes#decryptingFrom} streams a whole
 * envelope and fails unless it ends on its final chunk;
 * {@link org.consilium.hsm.envelope.SeekableEnvelope} (from {@code Envelopes.openSeekable})
 * reads any range of a file, and also reads the whole chunks of an envelope whose writer never
 * closed it (a crash), reporting it as truncated. Because only the final chunk carries the
 * final flag, a complete envelope cut on a chunk boundary reads as truncated, not complete.
 */
package org.consilium.hsm.envelope;
