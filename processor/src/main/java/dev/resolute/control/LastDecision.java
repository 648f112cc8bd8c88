package dev.resolute.control;

/**
 * A camera's last published decision, as another instance (after a rebalance) or this one (after
 * a restart) finds it: enough to resume where the camera was instead of starting afresh.
 *
 * @param serviceMs ms per frame of each level as measured then (NaN where unmeasured)
 * @param quality IoU of each level against the top level as estimated then (NaN where unknown)
 */
public record LastDecision(long timeMs, int level, int stride, double[] serviceMs, double[] quality, double arrivalFps) {}
