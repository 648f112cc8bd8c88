package dev.resolute.chaos;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
 * with frame indices of its own.
 */
public final class HostileRecords {
  /** Frame indices from here on belong to hostile records only. */
  public static final long FRAME_MARK = 1_000_000_000L;
  private static final AvroSerde<VideoChunk> CHUNKS = AvroSerde.of(VideoChunk.class);
  private static final HostileKind[] KINDS = HostileKind.values();

  /** Frame indices each bit-flipped chunk has to itself. */
  private static final long FLIP_FRAMES = 1000;

  private final List<VideoChunk> clip;
  private final String flipCamera;
  private final Random random;

  public HostileRecords(List<VideoChunk> clip, String flipCamera, long seed) {
    this.clip = clip;
    this.flipCamera = flipCamera;
    this.random = new Random(seed);
  }

  /** The {@code n}th hostile record, aimed at {@code liveCamera}; kinds take turns. */
  public HostileRecord make(int n, String liveCamera) {
    HostileKind kind = KINDS[n % KINDS.length];
    VideoChunk good = VideoChunk.newBuilder(clip.get(n % clip.size())).setCameraId(liveCamera)
        .setCaptureTimeMs(System.currentTimeMillis()).build();
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
    };
  }

  private HostileRecord header(HostileKind kind, String camera, VideoChunk chunk) {
    return header(kind, camera, CHUNKS.toBytes(chunk));
  }

  private static HostileRecord header(HostileKind kind, String camera, byte[] value) {
    return new HostileRecord(kind, camera, value, Set.of());
  }

  private byte[] randomBytes() {
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
    Set<FrameId> frames = new HashSet<>();
    for (long f = chunk.getFirstFrameIndex(); f < chunk.getFirstFrameIndex() + chunk.getFrameCount(); f++) {
      frames.add(new FrameId(chunk.getCameraId(), chunk.getSequence(), f));
    }
    return new HostileRecord(HostileKind.BIT_FLIPPED, chunk.getCameraId(), CHUNKS.toBytes(chunk), Set.copyOf(frames));
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
