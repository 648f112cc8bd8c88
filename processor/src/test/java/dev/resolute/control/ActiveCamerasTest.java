package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActiveCamerasTest {

  @Test
  void shouldShareAThreadOnlyAmongTheCamerasThatThreadProcesses() throws Exception {
    ActiveCameras cameras = new ActiveCameras();
    double[] other = new double[1];
    Thread second = new Thread(() -> other[0] = cameras.shareFor("cam-c", 1_000));

    cameras.shareFor("cam-a", 1_000);
    second.start();
    second.join();
    double shareOfB = cameras.shareFor("cam-b", 1_000);

    assertThat(shareOfB).as("cam-a and cam-b on this thread").isEqualTo(0.5);
    assertThat(other[0]).as("cam-c alone on its thread").isEqualTo(1.0);
  }

  @Test
  void shouldStopCountingACameraNotSeenForTenSeconds() {
    ActiveCameras cameras = new ActiveCameras();
    cameras.shareFor("cam-a", 0);

    assertThat(cameras.shareFor("cam-b", 5_000)).isEqualTo(0.5);
    assertThat(cameras.shareFor("cam-b", 10_001)).isEqualTo(1.0);
  }

  @Test
  void shouldGiveACameraThatAsksForTwiceTheWorkTwiceTheTime() {
    ActiveCameras cameras = new ActiveCameras();
    Object thread = new Object();
    cameras.shareFor("small", thread, 0, 1_000);

    assertThat(cameras.shareFor("large", thread, 0, 2_000)).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cameras.shareFor("small", thread, 0, 1_000)).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cameras.shareFor("unknown", thread, 0, 0)).as("a demand not known yet: equal parts").isEqualTo(1 / 3.0);
  }

  @Test
  void shouldCountATaskGivenToTheThreadAsACameraUntilItsFirstCameraIsSeen() {
    ActiveCameras cameras = new ActiveCameras();
    Object thread = new Object();
    Object otherThread = new Object();
    for (int task = 0; task < 4; task++) {
      cameras.expect("0_" + task, thread, 0);
    }
    cameras.expect("0_9", otherThread, 0);

    // the first camera seen is one of four on its thread, not alone on it
    assertThat(cameras.shareFor("cam-0", "0_0", thread, 100, 0)).isEqualTo(0.25);
    assertThat(cameras.shareFor("cam-1", "0_1", thread, 200, 0)).as("its task stands in no more").isEqualTo(0.25);
    assertThat(cameras.shareFor("cam-0", "0_0", thread, 300, 0)).isEqualTo(0.25);
    // tasks that never bring a camera stop counting when a camera would
    assertThat(cameras.shareFor("cam-1", "0_1", thread, 10_250, 0)).isEqualTo(0.5);
    assertThat(cameras.shareFor("cam-0", "0_0", thread, 10_301, 0)).isEqualTo(0.5);
  }
}
