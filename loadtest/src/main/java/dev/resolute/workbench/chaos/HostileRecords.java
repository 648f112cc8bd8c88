package dev.resolute.workbench.chaos;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.traffic.FrameId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes hostile records out of good chunks, one kind after another: undecodable bytes, damaged
 * video, and headers no camera would send (the frame counts, sizes, rates and times that once
 * moved the controller or blew the heap).
 *
 * <p>Every one goes to a live camera, so that a leak would move a controller that matters, and
 * its first frame index is moved up past {@link #FRAME_MARK}, so that any output of one shows as a
 * frame nobody published rather than passing for a good frame. A bit-flipped chunk is the
 * exception: it may decode whole, and then it is video like any other, whose frames would rightly
 * count as arrivals of the camera it came on; so all of them come on one camera of their own, each
 * with frame indices of its own. The cameras named {@code constructor} and {@code __proto__} are
 * cameras too, sending good video: their chunks count like the paced cameras' and each has
 * sequence numbers and frame indices of its own.
 */
public final class HostileRecords {
  /** Frame indices from here on belong to hostile records only. */
  public static final long FRAME_MARK = 1_000_000_000L;
  /** How far ahead {@link HostileKind#CAPTURED_2H_AHEAD} claims to have been captured. */
  public static final long AHEAD_MS = 2 * 3600 * 1000L;
  /** The span of {@link HostileKind#FRAME_SPAN_2_40}'s frame times. */
  public static final long SPAN_MICROS = 1L << 40;
  /** Characters of {@link HostileKind#CAMERA_ID_100KB}'s id. */
  public static final int LONG_ID_CHARS = 100 * 1024;
  /** How many distinct ids {@link HostileKind#FORGED_CAMERA_IDS} sends. */
  public static final int FORGED_IDS = 1000;

  /** Frame indices each bit-flipped chunk (and each chunk of a camera named like a JavaScript property) has to itself. */
  private static final long FLIP_FRAMES = 1000;

  private final List<VideoChunk> clip;
  private final String runId;
  private final String flipCamera;
  private final List<HostileKind> turns;
  private final Random random;
  /**
   * The forged ids' own: a burst of 1000 draws from the shared one would change every later bit flip,
   * so a run with the burst and one without would not flip the same bits.
   */
  private final Random forgedRandom;
  private final Map<HostileKind, Long> sequences = new EnumMap<>(HostileKind.class);

  /**
   * Records of the {@code selected} kinds made from {@code clip}; {@code runId} keeps this run's
   * own cameras (bit flips, forged ids) apart from another run's on a shared cluster.
   */
  public HostileRecords(List<VideoChunk> clip, String runId, long seed, Set<HostileKind> selected) {
    this.clip = clip;
    this.runId = runId;
    this.flipCamera = runId + "-bitflips";
    this.turns = HostileKind.turns(selected);
    this.random = new Random(seed);
    this.forgedRandom = new Random(~seed);
  }

  /** Whether any kind takes turns: without one, {@link #make} has nothing to make. */
  public boolean hasTurns() {
    return !turns.isEmpty();
  }

  /** The {@code n}th hostile record, aimed at {@code liveCamera}; kinds take turns. */
  public HostileRecord make(int n, String liveCamera) {
    HostileKind kind = turns.get(n % turns.size());
    VideoChunk good = stampedNow(clip.get(n % clip.size())).setCameraId(liveCamera).build();
    VideoChunk marked = VideoChunk.newBuilder(good).setFirstFrameIndex(FRAME_MARK + good.getFirstFrameIndex()).build();
    return switch (kind) {
      case RANDOM_BYTES -> header(kind, liveCamera, randomBytes());
      case TRUNCATED_PAYLOAD -> header(kind, liveCamera, withPayload(marked, Arrays.copyOf(payload(marked), payload(marked).length / 3)));
      case BIT_FLIPPED -> bitFlipped(VideoChunk.newBuilder(good).setCameraId(flipCamera).setSequence(n)
          .setFirstFrameIndex(FRAME_MARK + n * FLIP_FRAMES).build());
      case FPS_ZERO -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setFps(0).build());
      case FPS_HUGE -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setFps(1e9).build());
      case FPS_NAN -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setFps(Double.NaN).build());
      case FRAMES_MAX -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setFrameCount(Integer.MAX_VALUE).build());
      case FRAMES_NEGATIVE -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setFrameCount(-1 - random.nextInt(1000)).build());
      case SIZE_HUGE -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setWidth(100_000).setHeight(100_000).build());
      case CAPTURED_1970 -> header(kind, liveCamera, VideoChunk.newBuilder(marked).setCaptureTimeMs(random.nextInt(86_400_000)).build());
      case CAPTURED_2H_AHEAD -> header(kind, liveCamera,
          VideoChunk.newBuilder(marked).setCaptureTimeMs(marked.getCaptureTimeMs() + AHEAD_MS).build());
      case FRAME_SPAN_2_40 -> header(kind, liveCamera, stretched(marked));
      case CAMERA_ID_100KB -> {
        String id = longId(n);
        yield header(kind, id, VideoChunk.newBuilder(marked).setCameraId(id).build());
      }
      case CAMERA_CONSTRUCTOR -> ownCamera(kind, HostileKind.CONSTRUCTOR_ID);
      case CAMERA_PROTO -> ownCamera(kind, HostileKind.PROTO_ID);
      case FORGED_CAMERA_IDS, SECOND_APPLICATION, SIGTERM_DURING_BROKER_RESTART ->
          throw new IllegalStateException(kind + " does not take turns");
    };
  }

  /** The {@link #FORGED_IDS} records of {@link HostileKind#FORGED_CAMERA_IDS}: well-formed headers, distinct ids, no video. */
  public List<HostileRecord> forged() {
    List<HostileRecord> records = new ArrayList<>();
    for (int i = 0; i < FORGED_IDS; i++) {
      String id = runId + "-forged-" + i;
      VideoChunk chunk = stampedNow(clip.get(i % clip.size())).setCameraId(id).setSequence(i)
          .setFirstFrameIndex(FRAME_MARK + i * FLIP_FRAMES)
          .setPayload(ByteBuffer.wrap(randomBytes(forgedRandom))).build();
      records.add(header(HostileKind.FORGED_CAMERA_IDS, id, chunk));
    }
    return records;
  }

  /**
   * A clip chunk as a live camera stamps it: captured now, its frames a real second apart. The clip
   * was cut from a file faster than real time, so its own stamps squeeze every frame into one
   * instant (scale 0); copies of those sent 100 ms apart read as a camera sending 12 frames in
   * 100 ms, and the controller, rightly, as 120 fps, which is the test's forgery, not the attack's.
   */
  private static VideoChunk.Builder stampedNow(VideoChunk clipChunk) {
    return VideoChunk.newBuilder(clipChunk).setCaptureTimeMs(System.currentTimeMillis()).setCaptureTimeScale(1.0);
  }

  /** Valid characters, so that only the length is wrong; distinct per record, as a forger's would be. */
  private String longId(int n) {
    String tail = "-" + runId + "-" + n;
    return "x".repeat(LONG_ID_CHARS - tail.length()) + tail;
  }

  /** The last frame moved {@link #SPAN_MICROS} after the first; the times still run forwards. */
  private static VideoChunk stretched(VideoChunk chunk) {
    List<Long> pts = new ArrayList<>(chunk.getFramePtsMicros());
    if (pts.size() < 2) {
      throw new IllegalStateException("a chunk of " + pts.size() + " frame times has no span to stretch");
    }
    pts.set(pts.size() - 1, pts.get(0) + SPAN_MICROS);
    return VideoChunk.newBuilder(chunk).setFramePtsMicros(pts).build();
  }

  /** The next good chunk of a camera of its own, whose frames must all come out once. */
  private HostileRecord ownCamera(HostileKind kind, String camera) {
    long sequence = sequences.merge(kind, 1L, Long::sum) - 1;
    VideoChunk chunk = stampedNow(clip.get((int) (sequence % clip.size()))).setCameraId(camera).setSequence(sequence)
        .setFirstFrameIndex(sequence * FLIP_FRAMES).build();
    return new HostileRecord(kind, camera, Topics.CHUNKS.write(chunk), frames(chunk));
  }

  private HostileRecord header(HostileKind kind, String camera, VideoChunk chunk) {
    return header(kind, camera, Topics.CHUNKS.write(chunk));
  }

  private static HostileRecord header(HostileKind kind, String camera, byte[] value) {
    return new HostileRecord(kind, camera, value, Set.of());
  }

  private byte[] randomBytes() {
    return randomBytes(random);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(4096)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A few bits flipped anywhere in the container: headers, frame data, checksums alike. */
  private HostileRecord bitFlipped(VideoChunk good) {
    byte[] payload = payload(good);
    for (int flips = 1 + random.nextInt(16); flips > 0; flips--) {
      int bit = random.nextInt(payload.length * 8);
      payload[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    VideoChunk chunk = withPayload(good, payload);
    return new HostileRecord(HostileKind.BIT_FLIPPED, chunk.getCameraId(), Topics.CHUNKS.write(chunk), frames(chunk));
  }

  private static Set<FrameId> frames(VideoChunk chunk) {
    Set<FrameId> frames = new HashSet<>();
    for (long f = ChunkTimeline.firstNewFrameIndex(chunk); f < ChunkTimeline.nextFrameIndex(chunk); f++) {
      frames.add(new FrameId(chunk.getCameraId(), chunk.getSequence(), f));
    }
    return Set.copyOf(frames);
  }

  private static byte[] payload(VideoChunk chunk) {
    byte[] bytes = new byte[chunk.getPayload().remaining()];
    chunk.getPayload().duplicate().get(bytes);
    return bytes;
  }

  private static VideoChunk withPayload(VideoChunk chunk, byte[] payload) {
    return VideoChunk.newBuilder(chunk).setPayload(ByteBuffer.wrap(payload)).build();
  }
}
