package org.consilium.recording.webm;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one WebM file as a stream: the EBML header, a Segment of unknown size (as live WebM
 * does: nothing is ever patched), Info and Tracks once, then Clusters, each built whole in
 * memory with its size and written in one piece, then flushed. A file cut off anywhere is
 * therefore readable up to the last cluster written before the cut.
 *
 * <p>The header waits for the picture size of the first VP8 keyframe, for at most
 * {@code headerWaitMillis} of media (then a default size stands: decoders take the real one
 * from the bitstream). A cluster starts at a video keyframe (unless it holds no video yet),
 * after {@code maxClusterMillis},
 * or before its 16-bit relative timecodes or its size would overflow.
 *
 * <p>Blocks must come in timecode order per track (the {@link Interleaver} does it across
 * tracks). Single-threaded: the recording's writer thread alone calls it.
 */
public final class WebmMuxer {

    public static final int AUDIO = 1;
    public static final int VIDEO = 2;
    static final int DEFAULT_WIDTH = 640;
    static final int DEFAULT_HEIGHT = 480;
    private static final int MAX_CLUSTER_BYTES = 8 * 1024 * 1024;
    private static final Instant MATROSKA_EPOCH = Instant.parse("2001-01-01T00:00:00Z");

    private final OutputStream sink;
    private final boolean audio;
    private final boolean video;
    private final Instant dateUtc;
    private final long headerWaitMillis;
    private final long maxClusterMillis;
    private final String application;

    private final List<Block> beforeHeader = new ArrayList<>();
    private boolean headerWritten;
    private final EbmlWriter cluster = new EbmlWriter(256 * 1024);
    private int clusterMark = -1;
    private long clusterTimecode;
    private int clusterVideoBlocks;
    private long written;
    private final List<ClusterStart> clusters = new ArrayList<>();
    private final long[] blocks = new long[3];

    public WebmMuxer(OutputStream sink, boolean audio, boolean video, Instant dateUtc, long headerWaitMillis,
                     long maxClusterMillis, String application) {
        if (!audio && !video) {
            throw new IllegalArgumentException("a recording needs a track");
        }
        this.sink = sink;
        this.audio = audio;
        this.video = video;
        this.dateUtc = dateUtc;
        this.headerWaitMillis = headerWaitMillis;
        this.maxClusterMillis = maxClusterMillis;
        this.application = application;
    }

    public void write(Block block) throws IOException {
        if ((block.track() == AUDIO && !audio) || (block.track() == VIDEO && !video)) {
            throw new IllegalArgumentException("no track " + block.track() + " in this file");
        }
        if (headerWritten) {
            append(block);
            return;
        }
        beforeHeader.add(block);
        if (block.track() == VIDEO && block.keyframe() && block.width() > 0 && block.height() > 0) {
            writeHeader(block.width(), block.height());
        } else if (!video || block.timecodeMillis() - beforeHeader.get(0).timecodeMillis() >= headerWaitMillis) {
            writeHeader(DEFAULT_WIDTH, DEFAULT_HEIGHT);
        }
    }

    /** Writes what is still held (the header if need be, the open cluster) and flushes the sink. */
    public void finish() throws IOException {
        if (!headerWritten) {
            writeHeader(DEFAULT_WIDTH, DEFAULT_HEIGHT);
        }
        closeCluster();
        sink.flush();
    }

    private void writeHeader(int width, int height) throws IOException {
        EbmlWriter header = new EbmlWriter(512);
        int ebml = header.startMaster(MatroskaIds.EBML);
        header.uint(MatroskaIds.EBML_VERSION, 1)
                .uint(MatroskaIds.EBML_READ_VERSION, 1)
                .uint(MatroskaIds.EBML_MAX_ID_LENGTH, 4)
                .uint(MatroskaIds.EBML_MAX_SIZE_LENGTH, 8)
                .string(MatroskaIds.DOC_TYPE, "webm")
                .uint(MatroskaIds.DOC_TYPE_VERSION, 4) // CodecDelay and SeekPreRoll are version 4
                .uint(MatroskaIds.DOC_TYPE_READ_VERSION, 2);
        header.endMaster(ebml);
        header.id(MatroskaIds.SEGMENT).unknownSize();

        int info = header.startMaster(MatroskaIds.INFO);
        header.uint(MatroskaIds.TIMESTAMP_SCALE, 1_000_000) // timecodes in milliseconds
                .string(MatroskaIds.MUXING_APP, application)
                .string(MatroskaIds.WRITING_APP, application)
                .int64(MatroskaIds.DATE_UTC, Duration.between(MATROSKA_EPOCH, dateUtc).toNanos());
        header.endMaster(info);

        int tracks = header.startMaster(MatroskaIds.TRACKS);
        if (audio) {
            int entry = header.startMaster(MatroskaIds.TRACK_ENTRY);
            byte[] opusHead = OpusHead.of(firstAudioChannels());
            header.uint(MatroskaIds.TRACK_NUMBER, AUDIO)
                    .uint(MatroskaIds.TRACK_UID, AUDIO)
                    .uint(MatroskaIds.TRACK_TYPE, MatroskaIds.TRACK_TYPE_AUDIO)
                    .uint(MatroskaIds.FLAG_LACING, 0)
                    .string(MatroskaIds.CODEC_ID, "A_OPUS")
                    .binary(MatroskaIds.CODEC_PRIVATE, opusHead, 0, opusHead.length)
                    .uint(MatroskaIds.CODEC_DELAY, 0)
                    .uint(MatroskaIds.SEEK_PRE_ROLL, 80_000_000); // 80 ms, RFC 7845 §4.6
            int audioSettings = header.startMaster(MatroskaIds.AUDIO);
            header.float64(MatroskaIds.SAMPLING_FREQUENCY, OpusHead.SAMPLE_RATE)
                    .uint(MatroskaIds.CHANNELS, firstAudioChannels());
            header.endMaster(audioSettings);
            header.endMaster(entry);
        }
        if (video) {
            int entry = header.startMaster(MatroskaIds.TRACK_ENTRY);
            header.uint(MatroskaIds.TRACK_NUMBER, VIDEO)
                    .uint(MatroskaIds.TRACK_UID, VIDEO)
                    .uint(MatroskaIds.TRACK_TYPE, MatroskaIds.TRACK_TYPE_VIDEO)
                    .uint(MatroskaIds.FLAG_LACING, 0)
                    .string(MatroskaIds.CODEC_ID, "V_VP8");
            int videoSettings = header.startMaster(MatroskaIds.VIDEO);
            header.uint(MatroskaIds.PIXEL_WIDTH, width).uint(MatroskaIds.PIXEL_HEIGHT, height);
            header.endMaster(videoSettings);
            header.endMaster(entry);
        }
        header.endMaster(tracks);

        sink.write(header.array(), 0, header.length());
        written += header.length();
        headerWritten = true;
        for (Block block : beforeHeader) {
            append(block);
        }
        beforeHeader.clear();
    }

    private int firstAudioChannels() {
        for (Block block : beforeHeader) {
            if (block.track() == AUDIO) {
                return OpusHead.channels(block.data());
            }
        }
        return 1;
    }

    private void append(Block block) throws IOException {
        long timecode = block.timecodeMillis();
        if (clusterMark >= 0) {
            long relative = timecode - clusterTimecode;
            // a keyframe starts a cluster (a player seeks to cluster starts), unless none of
            // the cluster's blocks so far is video: then nothing is gained
            boolean startAtKeyframe = block.track() == VIDEO && block.keyframe() && clusterVideoBlocks > 0;
            if (startAtKeyframe || relative >= maxClusterMillis || relative > Short.MAX_VALUE
                    || relative < Short.MIN_VALUE || cluster.length() + block.data().length > MAX_CLUSTER_BYTES) {
                closeCluster();
            }
        }
        if (clusterMark < 0) {
            clusterMark = cluster.startMaster(MatroskaIds.CLUSTER);
            cluster.uint(MatroskaIds.TIMESTAMP, timecode);
            clusterTimecode = timecode;
            clusters.add(new ClusterStart(timecode, written));
        }
        // SimpleBlock: track number (vint), relative timecode (signed 16 bits), flags, frame
        cluster.id(MatroskaIds.SIMPLE_BLOCK).size(4L + block.data().length)
                .size(block.track())
                .u16((int) (timecode - clusterTimecode))
                .u8(block.keyframe() ? 0x80 : 0x00)
                .raw(block.data(), 0, block.data().length);
        if (block.track() == VIDEO) {
            clusterVideoBlocks++;
        }
        blocks[block.track()]++;
    }

    private void closeCluster() throws IOException {
        if (clusterMark < 0) {
            return;
        }
        cluster.endMaster(clusterMark);
        sink.write(cluster.array(), 0, cluster.length());
        sink.flush();
        written += cluster.length();
        cluster.clear();
        clusterMark = -1;
        clusterVideoBlocks = 0;
    }

    /** Bytes handed to the sink. */
    public long bytesWritten() {
        return written;
    }

    /** Blocks written (or in the open cluster) on a track. */
    public long blocks(int track) {
        return blocks[track];
    }

    public int clusterCount() {
        return clusters.size();
    }

    /** The clusters so far: the file's seek index. */
    public List<ClusterStart> clusters() {
        return List.copyOf(clusters);
    }
}
