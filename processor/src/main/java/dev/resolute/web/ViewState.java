package dev.resolute.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The cameras the viewer shows, by id, and a change counter that the event streams wait on. A
 * camera appears when the processor publishes output for it (a mask or a cost record), never for
 * a chunk alone. Bounded: beyond {@link #MAX_CAMERAS} the least recently updated camera goes, and
 * a camera quiet for {@link #IDLE_NANOS} goes too, so that every event stays small whatever
 * anyone writes to the topics.
 */
final class ViewState {
  static final int MAX_CAMERAS = 64;
  static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final LongSupplier nanos;
  private final int maxCameras;
  /** In update order, the stalest first; guarded by this. */
  private final LinkedHashMap<String, Entry> cameras = new LinkedHashMap<>();
  private final PendingChunks chunks = new PendingChunks(128L << 20, 2 * MAX_CAMERAS);
  private long changes;
  private long eventVersion = -1;
  private byte[] event;

  private record Entry(CameraView view, long updatedNanos) {}

  ViewState() {
    this(System::nanoTime, MAX_CAMERAS);
  }

  ViewState(LongSupplier nanos, int maxCameras) {
    this.nanos = nanos;
    this.maxCameras = maxCameras;
  }

  /** The camera {@code id}, made if new, now the most recently updated; the stalest goes when over the bound. */
  synchronized CameraView update(String id) {
    Entry entry = cameras.remove(id);
    CameraView view = entry == null ? new CameraView(id) : entry.view();
    cameras.put(id, new Entry(view, nanos.getAsLong()));
    Iterator<Entry> stalest = cameras.values().iterator();
    while (cameras.size() > maxCameras) {
      stalest.next();
      stalest.remove();
      changes++;
    }
    return view;
  }

  synchronized CameraView find(String id) {
    Entry entry = cameras.get(id);
    return entry == null ? null : entry.view();
  }

  PendingChunks chunks() {
    return chunks;
  }

  /** Forgets the cameras not updated for {@link #IDLE_NANOS}; wakes the streams when any went. */
  synchronized void evictIdle() {
    long now = nanos.getAsLong();
    boolean evicted = cameras.values().removeIf(e -> now - e.updatedNanos() > IDLE_NANOS);
    if (evicted) {
      changed();
    }
  }

  synchronized int size() {
    return cameras.size();
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

  /**
   * The snapshot as one server-sent event's bytes, made once per change however many pages are
   * open (each used to serialise its own copy).
   */
  byte[] event(ObjectMapper json) throws JsonProcessingException {
    long version;
    synchronized (this) {
      if (eventVersion == changes && event != null) {
        return event;
      }
      version = changes;
    }
    byte[] made = ("data: " + json.writeValueAsString(snapshot()) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    synchronized (this) {
      if (version >= eventVersion) {
        eventVersion = version;
        event = made;
      }
    }
    return made;
  }

  private synchronized List<CameraView> views() {
    List<CameraView> views = new ArrayList<>(cameras.size());
    cameras.values().forEach(e -> views.add(e.view()));
    views.sort(Comparator.comparing(CameraView::id)); // a stable order on the page, whatever updated last
    return views;
  }

  /** What the page needs to draw every camera, as JSON-ready maps (the pictures themselves are fetched by version). */
  Map<String, Object> snapshot() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (CameraView camera : views()) {
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
