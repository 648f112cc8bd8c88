package dev.resolute.workbench.demo;

import dev.resolute.metrics.DeadLetterReasons;
import java.util.Map;

/**
 * What {@code resolute demo} writes to {@code summary.json}. Field names are a public interface:
 * scripts read them.
 *
 * @param deadLetterReasons each dead-letter reason as {@link DeadLetterReasons} groups it, with its
 *     count; empty when nothing was dead-lettered
 */
public record DemoSummary(
    String source,
    String cameraId,
    String ingestMode,
    long chunks,
    long framesIn,
    long masksOut,
    long deadLetters,
    long deadLetterFrames,
    double latencyMsP50,
    double latencyMsP99,
    double latencyMsMax,
    Map<String, Long> framesPerLevel,
    String engine,
    String device,
    String modelId,
    int sourceWidth,
    int sourceHeight,
    int inferenceWidth,
    int inferenceHeight,
    double gflopsPerFrame,
    long activationBytesPerFrame,
    Map<String, Double> meanStepMs,
    double processingSeconds,
    double framesPerSecond,
    String policy,
    String speed,
    long levelChanges,
    double lagSecondsP99,
    long framesSkipped,
    int desiredReplicasMax,
    double meanQualityEstimate,
    Map<String, Long> deadLetterReasons) {}
