package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_NEW_EXTRADATA;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Parameter sets (H.264 SPS/PPS, HEVC VPS/SPS/PPS...) that a stream carries only inside its
 * keyframes, as MPEG-TS and therefore HLS do, moved into the codec parameters where Matroska's
 * header wants them. FFmpeg's own {@code extract_extradata} filter finds them, for every codec it
 * knows, so no NAL unit parsing of ours can get a codec wrong.
 */
final class InBandParameterSets {
  private InBandParameterSets() {}

  /** Sets {@code target}'s extradata from {@code keyframe}; leaves it empty when there is none. */
  static void copyInto(AVCodecParameters target, AVCodecParameters source, AVPacket keyframe) {
    AVBitStreamFilter filter = av_bsf_get_by_name("extract_extradata");
    if (filter == null) {
      return;
    }
    AVBSFContext context = new AVBSFContext(null);
    if (av_bsf_alloc(filter, context) < 0) {
      return;
    }
    AVPacket copy = av_packet_alloc();
    try (SizeTPointer size = new SizeTPointer(1)) {
      if (avcodec_parameters_copy(context.par_in(), source) < 0 || av_bsf_init(context) < 0
          || av_packet_ref(copy, keyframe) < 0 || av_bsf_send_packet(context, copy) < 0
          || av_bsf_receive_packet(context, copy) < 0) {
        return;
      }
      BytePointer found = av_packet_get_side_data(copy, AV_PKT_DATA_NEW_EXTRADATA, size);
      if (found == null || found.isNull() || size.get() == 0) {
        return;
      }
      int length = (int) size.get();
      // FFmpeg frees extradata with av_free and reads up to its padding: allocate it FFmpeg's way
      Pointer extradata = av_mallocz(length + AV_INPUT_BUFFER_PADDING_SIZE);
      Pointer.memcpy(extradata, found, length);
      target.extradata(new BytePointer(extradata));
      target.extradata_size(length);
    } finally {
      av_packet_free(copy);
      av_bsf_free(context);
    }
  }
}
