package dev.resolute.testkit.footage.corpus;

/**
 * A frame as FFmpegFrameGrabber decoded it. {@code ptsMicros} is {@code getTimestamp()} right after
 * {@code grabImage()}: the frame's best-effort timestamp in microseconds with the container's start
 * time left in. Where FFmpeg has no timestamp at all for a frame ({@code hasTimestamp} false) the
 * grabber's arithmetic on AV_NOPTS_VALUE yields 0, so {@code ptsMicros} is 0 there and means
 * nothing. {@code pictType} is 'I', 'P', 'B' or '?' as libavcodec names it; the field flags are the
 * decoder's, per frame.
 */
public record ReferenceFrame(int index, long ptsMicros, boolean hasTimestamp, int width, int height, boolean keyFrame,
    char pictType, boolean interlaced, boolean topFieldFirst) {}
