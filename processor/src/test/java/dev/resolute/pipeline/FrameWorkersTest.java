package dev.resolute.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class FrameWorkersTest {

  @Test
  void shouldRunEveryFrameOnceInContiguousGroupsTheCallerTakingTheFirst() {
    FrameWorkers workers = new FrameWorkers(3);
    AtomicIntegerArray runs = new AtomicIntegerArray(7);
    int[] groupOf = new int[7];
    Set<String> callerGroups = Collections.synchronizedSet(new HashSet<>());
    String caller = Thread.currentThread().getName();

    workers.forEach(7, (group, frame) -> {
      runs.incrementAndGet(frame);
      groupOf[frame] = group;
      if (Thread.currentThread().getName().equals(caller)) {
        callerGroups.add("group " + group);
      }
    });

    for (int i = 0; i < 7; i++) {
      assertThat(runs.get(i)).as("frame %d", i).isEqualTo(1);
    }
    assertThat(groupOf).containsExactly(0, 0, 1, 1, 2, 2, 2);
    assertThat(callerGroups).containsExactly("group 0");
    assertThat(workers.groups(2)).isEqualTo(2);
    assertThat(workers.groups(0)).isEqualTo(1);
  }

  @Test
  void shouldRunTheGroupsAtTheSameTime() throws Exception {
    FrameWorkers workers = new FrameWorkers(3);
    CountDownLatch allStarted = new CountDownLatch(3);
    boolean[] metTheOthers = new boolean[3];

    // each group waits for the other two: run one after another, none would ever see them
    workers.forEach(3, (group, frame) -> {
      allStarted.countDown();
      try {
        metTheOthers[group] = allStarted.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThat(metTheOthers).containsOnly(true);
  }

  @Test
  void shouldKeepEverythingOnTheCallerWithOneThread() {
    FrameWorkers workers = new FrameWorkers(1);
    Set<String> threads = Collections.synchronizedSet(new HashSet<>());

    workers.forEach(5, (group, frame) -> threads.add(Thread.currentThread().getName() + " group " + group));

    assertThat(threads).containsExactly(Thread.currentThread().getName() + " group 0");
  }

  @Test
  void shouldRethrowAWorkersFailureOnlyOnceEveryGroupHasFinished() {
    FrameWorkers workers = new FrameWorkers(2);
    AtomicIntegerArray runs = new AtomicIntegerArray(4);

    assertThatThrownBy(() -> workers.forEach(4, (group, frame) -> {
      runs.incrementAndGet(frame);
      if (frame == 3) {
        throw new IllegalStateException("frame 3 broke");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("frame 3 broke");

    for (int i = 0; i < 4; i++) {
      assertThat(runs.get(i)).as("frame %d", i).isEqualTo(1);
    }
  }

  @Test
  void shouldWaitForTheOtherGroupsWhenInterruptedAndKeepTheInterrupt() {
    FrameWorkers workers = new FrameWorkers(2);
    AtomicIntegerArray runs = new AtomicIntegerArray(2);
    CountDownLatch callerDone = new CountDownLatch(1);

    workers.forEach(2, (group, frame) -> {
      if (group == 0) {
        Thread.currentThread().interrupt();
        callerDone.countDown();
      } else {
        try {
          // the other group is still writing when the interrupted caller starts waiting for it
          callerDone.await(30, TimeUnit.SECONDS);
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      runs.incrementAndGet(frame);
    });

    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    assertThat(runs.get(0)).isEqualTo(1);
    assertThat(runs.get(1)).as("finished before forEach returned").isEqualTo(1);
  }

  @Test
  void shouldNameThePropertyWhenItsValueIsWrong() {
    String before = System.getProperty(FrameWorkers.THREADS_PROPERTY);
    try {
      System.setProperty(FrameWorkers.THREADS_PROPERTY, "two");
      assertThatThrownBy(FrameWorkers::threadsFromProperty).hasMessageContaining("resolute.frame.threads").hasMessageContaining("two");
      System.setProperty(FrameWorkers.THREADS_PROPERTY, "0");
      assertThatThrownBy(() -> new FrameWorkers(FrameWorkers.threadsFromProperty())).hasMessageContaining("resolute.frame.threads");
      System.clearProperty(FrameWorkers.THREADS_PROPERTY);
      assertThat(FrameWorkers.threadsFromProperty()).isEqualTo(Runtime.getRuntime().availableProcessors());
    } finally {
      if (before == null) {
        System.clearProperty(FrameWorkers.THREADS_PROPERTY);
      } else {
        System.setProperty(FrameWorkers.THREADS_PROPERTY, before);
      }
    }
  }

  @Test
  void shouldKeepFrameWorkOnTheStreamThreadWhenInferenceTakesTheCoresAndSpreadItBesideAGpu() {
    String before = System.getProperty(FrameWorkers.THREADS_PROPERTY);
    try {
      System.clearProperty(FrameWorkers.THREADS_PROPERTY);
      assertThat(FrameWorkers.forDevice("cpu").groups(8)).isEqualTo(1);
      assertThat(FrameWorkers.forDevice("tensorrt:0")).isSameAs(FrameWorkers.shared());
      assertThat(FrameWorkers.forDevice("cuda:1")).isSameAs(FrameWorkers.shared());
      System.setProperty(FrameWorkers.THREADS_PROPERTY, "2");
      assertThat(FrameWorkers.forDevice("cpu")).as("the property applies to every device").isSameAs(FrameWorkers.shared());
    } finally {
      if (before == null) {
        System.clearProperty(FrameWorkers.THREADS_PROPERTY);
      } else {
        System.setProperty(FrameWorkers.THREADS_PROPERTY, before);
      }
    }
  }
}
