package dev.resolute.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Every camera the viewer has seen, by id, and a change counter that the event streams wait on. */
final class ViewState {
  private final Map<String, CameraView> cameras = new ConcurrentSkipListMap<>();
  private long changes;

  CameraView camera(String id) {
    return cameras.computeIfAbsent(id, CameraView::new);
  }

  CameraView find(String id) {
    return cameras.get(id);
  }

  synchronized void changed() {
    changes++;
    notifyAll();
  }

  /** Waits until something changed after {@code seen}, or {@code millis} passed; returns the counter. */
  synchronized long awaitChange(long seen, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (changes == seen) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return changes;
  }

  /** What the page needs to draw every camera, as JSON-ready maps (the pictures themselves are fetched by version). */
  Map<String, Object> snapshot() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (CameraView camera : cameras.values()) {
      List<CameraView.Sample> samples = camera.samples();
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", camera.id());
      CameraView.Picture picture = camera.picture();
      view.put("version", picture == null ? 0 : picture.version());
      view.put("frameIndex", picture == null ? -1 : picture.frameIndex());
      view.put("width", picture == null ? 0 : picture.width());
      view.put("height", picture == null ? 0 : picture.height());
      view.put("classNames", picture == null ? List.of() : picture.classNames());
      view.put("skippedFrames", camera.skipped());
      CameraView.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
      view.put("level", last == null ? null : last.level());
      view.put("stride", last == null ? null : last.stride());
      view.put("lagSeconds", last == null ? null : last.lagSeconds());
      // a skipped frame has no latency: the line shows the segmented ones
      List<CameraView.Sample> segmented = samples.stream().filter(s -> !s.skipped()).toList();
      view.put("latencyMs", segmented.isEmpty() ? null : segmented.get(segmented.size() - 1).latencyMs());
      Map<String, Object> history = new LinkedHashMap<>();
      history.put("level", samples.stream().map(CameraView.Sample::level).toList());
      history.put("stride", samples.stream().map(CameraView.Sample::stride).toList());
      history.put("lagSeconds", samples.stream().map(CameraView.Sample::lagSeconds).toList());
      history.put("latencyMs", segmented.stream().map(CameraView.Sample::latencyMs).toList());
      view.put("history", history);
      list.add(view);
    }
    return Map.of("cameras", list);
  }
}
